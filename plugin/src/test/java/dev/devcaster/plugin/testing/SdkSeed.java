package dev.devcaster.plugin.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.operator.client.DevcasterClient;
import dev.devcaster.operator.client.DevcasterClientConfig;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.UpsertTriggerRequest;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Creates remote triggers the way SDK users do (real upserts over HTTP, a user id or a pinned account), outside the operator. */
public final class SdkSeed {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DevcasterClient sdk = new DevcasterClient(DevcasterClientConfig.defaults().withRateLimit(0, Duration.ZERO));
    private final DevcasterCredentials key;

    public SdkSeed(URI baseUrl, String apiKey) {
        this.key = new DevcasterCredentials(baseUrl, apiKey);
    }

    /** {@code devcaster.triggers.create(slug, user_id, config)}: the server picks the user's newest ACTIVE account. */
    public String forUser(String userId, String slug, Map<String, ?> config) {
        return sdk.triggerInstances().upsert(key, slug, new UpsertTriggerRequest(null, JSON.valueToTree(config), null,
            userId)).triggerId();
    }

    /** The same with {@code connected_account_id}. */
    public String onAccount(String connectedAccountId, String slug, Map<String, ?> config) {
        return sdk.triggerInstances().upsert(key, slug, new UpsertTriggerRequest(connectedAccountId,
            JSON.valueToTree(config), null, null)).triggerId();
    }

    public void disable(String triggerId) {
        sdk.triggerInstances().disable(key, triggerId);
    }
}
