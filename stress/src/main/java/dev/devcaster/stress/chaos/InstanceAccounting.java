package dev.devcaster.stress.chaos;

import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every remote instance of both projects, accounted for: recorded by a live Trigger, the one an
 * Orphan deletion kept, held by a Trigger still being deleted, a duplicate beside the instance a
 * live Trigger records, or leaked (with what the run knows about why).
 */
final class InstanceAccounting {

    int total;
    int recorded;
    int orphaned;
    int awaitingDeletion;
    final List<String> duplicates = new ArrayList<>();
    final List<String> leaks = new ArrayList<>();

    private InstanceAccounting() {
    }

    /**
     * @param at      how a moment of the run is written (seconds since the chaos window opened)
     * @param holders the Triggers (namespace/name) seen Synced on a remote trigger id during the run
     */
    static InstanceAccounting of(Observation o, Scenario scenario, Function<Instant, String> at,
                                 Function<String, Set<String>> holders) {
        Map<String, List<String>> recordedBy = new HashMap<>();
        for (Trigger t : o.triggers().values()) {
            if (t.getStatus() != null && t.getStatus().getTriggerId() != null) {
                recordedBy.computeIfAbsent(t.getStatus().getTriggerId(), k -> new ArrayList<>())
                    .add(t.getMetadata().getNamespace() + "/" + t.getMetadata().getName());
            }
        }
        // Ids a Trigger still being deleted knows (status, its own annotation): its stuck finalizer is
        // reported under deletions; the instance is not leaked (yet).
        Map<String, String> heldByDeleting = new HashMap<>();
        for (Trigger t : o.triggers().values()) {
            String id = t.getMetadata().getNamespace() + "/" + t.getMetadata().getName();
            if (t.getMetadata().getDeletionTimestamp() != null) {
                if (t.getStatus() != null && t.getStatus().getTriggerId() != null) {
                    heldByDeleting.put(t.getStatus().getTriggerId(), id);
                }
                Optional.ofNullable(t.getMetadata().getAnnotations())
                    .map(m -> m.get(TriggerAnnotations.TRIGGER_ID))
                    .ifPresent(hint -> heldByDeleting.putIfAbsent(hint, id));
            }
        }
        InstanceAccounting a = new InstanceAccounting();
        Map<String, Integer> orphansKept = new HashMap<>();
        for (TriggerModel.Key key : TriggerModel.Key.values()) {
            for (TriggerInstance i : o.instances().get(key)) {
                a.total++;
                if (recordedBy.containsKey(i.id())) {
                    a.recorded++;
                    continue;
                }
                Optional<TriggerModel.Tag> tag = TriggerModel.Tag.of(i.config());
                if (heldByDeleting.containsKey(i.id()) && tag.map(g -> g.trigger().equals(heldByDeleting.get(i.id())))
                    .orElse(false)) {
                    a.awaitingDeletion++;
                    continue;
                }
                String what = i.id() + " (" + key + " project, " + i.slug() + " on " + i.connectedAccountId() + ", "
                    + tag.map(Object::toString).orElse("untagged config " + i.config()) + ", "
                    + (i.enabled() ? "enabled" : "disabled") + ", created " + at.apply(i.createdAt()) + ")";
                if (tag.isEmpty()) {
                    a.leaks.add(what + ": made for no Trigger of this run");
                    continue;
                }
                TriggerModel declaring = scenario.triggers.get(tag.get().trigger());
                List<TriggerModel> liveUsers = scenario.triggers.values().stream()
                    .filter(m -> m.live() && m.namespace.equals(tag.get().namespace()) && m.tagName.equals(tag.get().name()))
                    .toList();
                // Kept by an Orphan deletion of the Trigger it was made for, or of a twin that held it.
                Optional<TriggerModel> orphaner = Stream.concat(Stream.ofNullable(declaring),
                        holders.apply(i.id()).stream().map(scenario.triggers::get).filter(Objects::nonNull))
                    .filter(m -> m.deletedAt != null && "Orphan".equals(m.deletedWithPolicy)).findFirst();
                if (orphaner.isPresent() && orphansKept.merge(orphaner.get().id(), 1, Integer::sum) == 1) {
                    a.orphaned++;
                } else if (!liveUsers.isEmpty()) {
                    a.duplicates.add(what + ": not recorded by " + liveUsers.stream().map(m -> m.id() + " (at v"
                        + m.configVersion + " with the " + m.key + " key, records " + recorded(o, m)
                        + (m.key != key ? "; left in the " + key + " project after a key switch" : "") + ")")
                        .collect(Collectors.joining(", ")));
                } else if (declaring == null) {
                    a.leaks.add(what + ": its Trigger was never declared");
                } else if (declaring.deletedAt != null) {
                    a.leaks.add(what + ": " + declaring.id() + " was deleted (" + declaring.deletedBy + ", policy "
                        + declaring.deletedWithPolicy + ") at " + at.apply(declaring.deletedAt)
                        + ("Orphan".equals(declaring.deletedWithPolicy) ? ", and another of its instances was kept" : ""));
                } else {
                    a.leaks.add(what + ": " + declaring.id() + " was never created");
                }
            }
        }
        return a;
    }

    private static String recorded(Observation o, TriggerModel m) {
        Trigger t = o.triggers().get(m.id());
        return t == null || t.getStatus() == null || t.getStatus().getTriggerId() == null ? "nothing"
            : t.getStatus().getTriggerId();
    }
}
