package dev.devcaster.operator.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.triggertype.ValidatedConfig;

import java.util.Locale;

/**
 * What the remote trigger must be, after validation and account resolution.
 *
 * @param config the config with the type's defaults applied, as Devcaster stores it
 */
public record DesiredState(String slug, String toolkit, String toolkitVersion, String connectedAccountId,
                           ObjectNode config, boolean enabled) {

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
        return other != null && CanonicalJson.text(config).equals(CanonicalJson.text(other));
    }

    /** A short hash of the config alone, as Devcaster compares configs (defaults applied, numbers by value). */
    public String configHash() {
        return CanonicalJson.hash(config);
    }

    /** A short stable hash of everything that decides the remote state. */
    public String hash() {
        return CanonicalJson.sha256(slug.toUpperCase(Locale.ROOT) + "\n" + toolkitVersion + "\n" + connectedAccountId
            + "\n" + enabled + "\n" + CanonicalJson.text(config));
    }
}
