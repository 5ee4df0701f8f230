package dev.devcaster.operator.triggertype;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.NotFoundException;
import dev.devcaster.operator.client.TriggerType;
import dev.devcaster.operator.client.TriggerTypesApi;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerProblem;

import java.time.Duration;
import java.util.Locale;

/**
 * Step 3: the trigger type at a toolkit version, shared by all Triggers of one API key (projects
 * may see different catalogs) and kept for a TTL so N Triggers of a type cost one remote read.
 */
public final class TriggerTypeCache {

    private record Key(String project, String slug, String toolkitVersion) {
    }

    private final TriggerTypesApi api;
    private final Cache<Key, TriggerType> cache;

    public TriggerTypeCache(TriggerTypesApi api, Duration ttl) {
        this.api = api;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
    }

    /** @param toolkitVersion a dated version or {@code latest} */
    public TriggerType get(DevcasterCredentials credentials, String slug, String toolkitVersion) {
        Key key = new Key(credentials.fingerprint(), slug.toUpperCase(Locale.ROOT), toolkitVersion);
        try {
            return cache.get(key, k -> api.get(credentials, k.slug(), k.toolkitVersion()));
        } catch (NotFoundException e) {
            throw new TriggerProblem(ReadyReason.UnknownTriggerType, "trigger type " + key.slug()
                + " does not exist at toolkit version " + toolkitVersion + " (" + e.getMessage() + ")");
        }
    }
}
