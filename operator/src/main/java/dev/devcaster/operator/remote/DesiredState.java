package dev.devcaster.operator.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.triggertype.ValidatedConfig;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the remote trigger must be, after validation and account resolution.
 *
 * @param config the config with the type's defaults applied, as Devcaster stores it
 */
public record DesiredState(String slug, String toolkit, String toolkitVersion, String connectedAccountId,
                           ObjectNode config, boolean enabled) {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** The one way a desired state is made: a validated config on an account. */
    public static DesiredState of(ValidatedConfig validated, String connectedAccountId, boolean enabled) {
        return new DesiredState(validated.slug(), validated.toolkit(), validated.toolkitVersion(), connectedAccountId,
            validated.config(), enabled);
    }

    /** Whether the instance has this slug, account and config (the enabled state is checked apart). */
    public boolean matches(TriggerInstance instance) {
        return slug.equalsIgnoreCase(instance.triggerName())
            && connectedAccountId.equals(instance.connectedAccountId())
            && sameConfig(instance.triggerConfig());
    }

    /** Whether a config (as Devcaster stores it) equals this one. */
    public boolean sameConfig(JsonNode other) {
        return sameJson(config, other);
    }

    /** A short stable hash of everything that decides the remote state. */
    public String hash() {
        try {
            Map<String, Object> canonical = Map.of(
                "slug", slug, "toolkitVersion", toolkitVersion, "account", connectedAccountId,
                "config", CANONICAL.treeToValue(config, Object.class), "enabled", enabled);
            byte[] bytes = CANONICAL.writeValueAsBytes(new TreeMap<>(canonical));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the desired state", e);
        }
    }

    /** Container nodes recurse; the comparator only sees values, so numbers compare by value (1 equals 1.0). */
    private static boolean sameJson(JsonNode ours, JsonNode theirs) {
        if (theirs == null) {
            return false;
        }
        return ours.equals((x, y) -> x.isNumber() && y.isNumber()
            ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1, theirs);
    }
}
