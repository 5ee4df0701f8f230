package dev.devcaster.emulator.store;

import static dev.devcaster.emulator.store.AccountBook.matches;

import dev.devcaster.emulator.catalog.CanonicalJson;
import dev.devcaster.emulator.model.MatchKeyMode;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.emulator.model.TriggerQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A project's trigger instances, indexed by id and by both match keys so an upsert never scans
 * the project. Not thread-safe: {@link Project} guards it with its lock.
 */
final class TriggerBook {

    private final Map<String, Stored> triggers = new LinkedHashMap<>();
    private final Map<String, Set<String>> byConfigKey = new HashMap<>();
    private final Map<String, Set<String>> bySlugAndAccount = new HashMap<>();

    Collection<Stored> stored() {
        return triggers.values();
    }

    Optional<Stored> get(String triggerId) {
        return Optional.ofNullable(triggers.get(triggerId));
    }

    /** For the Java and admin API: not found, with the admin API's message. */
    Stored require(String triggerId) {
        return StoreException.orNotFound(triggers.get(triggerId), "TriggerInstance_NotFound",
                "trigger " + triggerId + " not found");
    }

    /** For the public API: not found, with Devcaster's message. */
    Stored requireForApi(String triggerId) {
        return StoreException.orNotFound(triggers.get(triggerId), "TriggerInstance_NotFound",
                "Trigger instance " + triggerId + " not found");
    }

    /** The newest instance an upsert of that slug, account and canonical config reuses under the mode. */
    Optional<Stored> match(MatchKeyMode mode, String slug, String connectedAccountId, String canonicalConfig) {
        String slugAndAccount = slugAndAccountKey(slug, connectedAccountId);
        Set<String> ids = mode == MatchKeyMode.CONFIG
                ? byConfigKey.get(configKey(slugAndAccount, canonicalConfig))
                : bySlugAndAccount.get(slugAndAccount);
        String last = null;
        if (ids != null) {
            for (String id : ids) {
                last = id;
            }
        }
        return Optional.ofNullable(last).map(triggers::get);
    }

    List<TriggerInstance> find(TriggerQuery query) {
        List<TriggerInstance> result = new ArrayList<>();
        for (Stored stored : candidates(query)) {
            TriggerInstance t = stored.instance();
            if ((query.showDisabled() || t.enabled()) && matches(query.triggerIds(), t.id())
                    && matches(query.connectedAccountIds(), t.connectedAccountId())
                    && matches(query.authConfigIds(), stored.authConfigId())
                    && matches(query.triggerNames(), t.slug()) && matches(query.userIds(), t.userId())) {
                result.add(t);
            }
        }
        return result;
    }

    private Iterable<Stored> candidates(TriggerQuery query) {
        if (query.triggerIds().isEmpty()) {
            return triggers.values();
        }
        // Asked by id: look them up instead of scanning; keep the list's creation order.
        List<Stored> found = new ArrayList<>();
        query.triggerIds().forEach(id -> Optional.ofNullable(triggers.get(id)).ifPresent(found::add));
        found.sort(Comparator.comparing((Stored s) -> s.instance().createdAt()));
        return found;
    }

    /** The same instance with another config and timestamps. */
    void replace(String triggerId, Map<String, Object> config, Instant updatedAt, Instant disabledAt) {
        Stored old = triggers.get(triggerId);
        TriggerInstance t = old.instance();
        unindex(old);
        put(new Stored(new TriggerInstance(t.id(), t.slug(), t.connectedAccountId(), t.userId(), config, t.createdAt(),
                updatedAt, disabledAt), old.authConfigId(), CanonicalJson.of(config)));
    }

    void put(Stored stored) {
        TriggerInstance t = stored.instance();
        triggers.put(t.id(), stored);
        byConfigKey.computeIfAbsent(stored.configKey(), k -> new LinkedHashSet<>()).add(t.id());
        bySlugAndAccount.computeIfAbsent(stored.slugAndAccountKey(), k -> new LinkedHashSet<>()).add(t.id());
    }

    void remove(Stored stored) {
        triggers.remove(stored.instance().id());
        unindex(stored);
    }

    private void unindex(Stored stored) {
        removeFromIndex(byConfigKey, stored.configKey(), stored.instance().id());
        removeFromIndex(bySlugAndAccount, stored.slugAndAccountKey(), stored.instance().id());
    }

    private static void removeFromIndex(Map<String, Set<String>> index, String key, String id) {
        Set<String> ids = index.get(key);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            index.remove(key);
        }
    }

    private static String slugAndAccountKey(String slug, String connectedAccountId) {
        return slug + "|" + connectedAccountId;
    }

    private static String configKey(String slugAndAccountKey, String canonicalConfig) {
        return slugAndAccountKey + "|" + canonicalConfig;
    }

    /** An instance with what the indexes and filters need besides the public record. */
    record Stored(TriggerInstance instance, String authConfigId, String canonicalConfig) {

        String slugAndAccountKey() {
            return TriggerBook.slugAndAccountKey(instance.slug(), instance.connectedAccountId());
        }

        String configKey() {
            return TriggerBook.configKey(slugAndAccountKey(), canonicalConfig);
        }
    }
}
