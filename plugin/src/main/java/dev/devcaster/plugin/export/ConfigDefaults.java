package dev.devcaster.plugin.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Comparator;

/**
 * Devcaster stores a config with the type's schema defaults filled in, so an exported config cannot
 * tell a value the user set from one that was filled in. A top-level value equal to its property's
 * default is dropped: the operator fills the same default in again before it compares (its
 * {@code ConfigValidator.withDefaults}), so the Trigger still declares exactly that instance. Nested
 * values stay, as the operator fills in top-level defaults only.
 */
final class ConfigDefaults {

    /** Numbers by value (1 and 1.0 are one number, as Devcaster compares them), everything else exactly. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private ConfigDefaults() {
    }

    static ObjectNode withoutDefaults(JsonNode configSchema, JsonNode config) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        if (config == null || !config.isObject()) {
            return result;
        }
        JsonNode properties = configSchema == null ? null : configSchema.path("properties");
        config.fields().forEachRemaining(field -> {
            JsonNode defaultValue = properties == null ? null : properties.path(field.getKey()).get("default");
            if (defaultValue == null || !defaultValue.equals(SAME_VALUE, field.getValue())) {
                result.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return result;
    }
}
