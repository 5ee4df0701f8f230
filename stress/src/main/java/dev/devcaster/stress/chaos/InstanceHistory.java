package dev.devcaster.stress.chaos;

import dev.devcaster.emulator.model.TriggerInstance;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every remote instance seen during the run (sampled from the emulator's store about once a
 * second): its project and config tag, so a request in the log that names an instance can be
 * traced to the Trigger it was made for even after the instance is gone.
 */
final class InstanceHistory {

    record Seen(String id, TriggerModel.Key key, String slug, String connectedAccountId,
                Optional<TriggerModel.Tag> tag, Instant firstSeen) {
    }

    private final ChaosWorld world;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    InstanceHistory(ChaosWorld world) {
        this.world = world;
    }

    void sample() {
        for (TriggerModel.Key key : TriggerModel.Key.values()) {
            for (TriggerInstance i : world.project(key).triggers()) {
                seen.computeIfAbsent(i.id(), id -> new Seen(id, key, i.slug(), i.connectedAccountId(),
                    TriggerModel.Tag.of(i.config()), Instant.now()));
            }
        }
    }

    Optional<Seen> get(String id) {
        return Optional.ofNullable(seen.get(id));
    }

    int size() {
        return seen.size();
    }
}
