package dev.devcaster.operator.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A trigger type at one toolkit version.
 *
 * @param type    {@code webhook} or {@code poll}
 * @param config  JSON Schema of the trigger config
 * @param payload JSON Schema of the events
 * @param version the resolved toolkit version (e.g. {@code 20250909_00}), never {@code latest}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TriggerType(String slug, String name, String description, String instructions, String type,
                          ToolkitRef toolkit, JsonNode config, JsonNode payload, String version) {
}
