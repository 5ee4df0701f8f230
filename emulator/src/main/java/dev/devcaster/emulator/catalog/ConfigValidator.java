package dev.devcaster.emulator.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks trigger configs against their type's JSON Schema the way Devcaster does: one message per
 * failing field, prefixed with the field path; and fills in schema defaults.
 */
public final class ConfigValidator {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    /** Field errors such as {@code "repo: required property 'repo' not found"}; empty when valid. */
    public List<String> validate(TriggerType type, JsonNode config) {
        Schema schema = compiled.computeIfAbsent(type.slug() + "@" + type.version(), k -> registry.getSchema(type.config()));
        return schema.validate(config).stream().map(ConfigValidator::describe).distinct().sorted().toList();
    }

    /** A copy of the config with every absent top-level property that has a schema default set to it. */
    public ObjectNode withDefaults(TriggerType type, ObjectNode config) {
        ObjectNode result = config.deepCopy();
        JsonNode properties = type.config().path("properties");
        properties.fieldNames().forEachRemaining(name -> {
            JsonNode defaultValue = properties.get(name).get("default");
            if (defaultValue != null && !result.has(name)) {
                result.set(name, defaultValue.deepCopy());
            }
        });
        return result;
    }

    private static String describe(Error error) {
        // Dotted field path whichever notation the library renders ("$.a.b" or "/a/b").
        String path = error.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "").replaceFirst("^/", "")
                .replace('/', '.');
        if (error.getProperty() != null && "required".equals(error.getKeyword())) {
            path = path.isEmpty() ? error.getProperty() : path + "." + error.getProperty();
        }
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        String detail = message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
        return (path.isEmpty() ? "trigger_config" : path) + ": " + detail;
    }
}
