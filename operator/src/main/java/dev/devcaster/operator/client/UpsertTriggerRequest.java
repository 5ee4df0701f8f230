package dev.devcaster.operator.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/**
 * Body of an upsert. Give {@code connectedAccountId}, or only {@code userId} to let the server pick
 * the user's newest ACTIVE account of the type's toolkit.
 *
 * @param triggerConfig   the config object; null is sent as {@code {}}
 * @param toolkitVersions toolkit slug to version (e.g. {@code github -> 20250909_00}); null or
 *                        empty leaves the choice to the server
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpsertTriggerRequest(String connectedAccountId, JsonNode triggerConfig,
                                   @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> toolkitVersions,
                                   String userId) {

    public UpsertTriggerRequest {
        triggerConfig = triggerConfig == null ? JsonNodeFactory.instance.objectNode() : triggerConfig;
        toolkitVersions = toolkitVersions == null ? Map.of() : Map.copyOf(toolkitVersions);
    }
}
