package dev.devcaster.operator.triggertype;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.client.TriggerType;

/**
 * A Trigger's config that passed its trigger type's schema.
 *
 * @param config the config as Devcaster stores it: the type's defaults applied
 */
public record ValidatedConfig(TriggerType type, ObjectNode config) {

    public String slug() {
        return type.slug();
    }

    public String toolkit() {
        return type.toolkit().slug();
    }

    /** The resolved toolkit version, never {@code latest}. */
    public String toolkitVersion() {
        return type.version();
    }
}
