package dev.devcaster.operator.triggertype;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.List;

/**
 * Checks a Trigger's config against its trigger type's JSON Schema before anything is written
 * remotely, so a bad config is reported with every failing field instead of a remote 400.
 */
public final class ConfigValidator {

    private static final String ROOT = "triggerConfig";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    /**
     * Compiled once per schema object: trigger types come from a cache, so every resync of every
     * Trigger of a type hands in the same node (weak keys compare by identity and follow that cache).
     */
    private final Cache<JsonNode, Schema> compiled = Caffeine.newBuilder().weakKeys().build();

    /** One message per failing field, e.g. {@code triggerConfig.repo: required}; empty when valid. */
    public List<String> validate(JsonNode configSchema, JsonNode config) {
        Schema schema = compiled.get(configSchema, registry::getSchema);
        return schema.validate(config).stream().map(ConfigValidator::describe).distinct().sorted().toList();
    }

    /**
     * The config as Devcaster stores it: every absent top-level property with a schema default set
     * to that default. Comparing this with the remote config tells real drift from defaulting.
     */
    public ObjectNode withDefaults(JsonNode configSchema, ObjectNode config) {
        ObjectNode result = config.deepCopy();
        JsonNode properties = configSchema.path("properties");
        properties.fieldNames().forEachRemaining(name -> {
            JsonNode defaultValue = properties.get(name).get("default");
            if (defaultValue != null && !result.has(name)) {
                result.set(name, defaultValue.deepCopy());
            }
        });
        return result;
    }

    private static String describe(Error error) {
        // The location comes as a JSON pointer (/a/b) or a JSONPath ($.a.b); people read a.b.
        String path = error.getInstanceLocation().toString().replaceFirst("^\\$\\.?|^/", "").replace('/', '.');
        boolean missing = "required".equals(error.getKeyword());
        if (missing && error.getProperty() != null) {
            path = path.isEmpty() ? error.getProperty() : path + "." + error.getProperty();
        }
        String field = path.isEmpty() ? ROOT : ROOT + "." + path;
        if (missing) {
            return field + ": required";
        }
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        return field + ": " + (message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message);
    }
}
