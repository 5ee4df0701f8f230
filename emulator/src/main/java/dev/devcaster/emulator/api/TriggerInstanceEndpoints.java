package dev.devcaster.emulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.emulator.catalog.Catalog;
import dev.devcaster.emulator.catalog.ConfigValidator;
import dev.devcaster.emulator.catalog.ToolkitVersions;
import dev.devcaster.emulator.catalog.TriggerType;
import dev.devcaster.emulator.model.TriggerQuery;
import dev.devcaster.emulator.model.UpsertOutcome;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Upsert, list, enable/disable and delete of trigger instances. */
final class TriggerInstanceEndpoints {

    private static final TypeReference<Map<String, Object>> CONFIG_MAP = new TypeReference<>() {
    };

    private final Supplier<Catalog> catalog;
    private final ConfigValidator validator;
    private final ObjectMapper mapper;
    private final Representations views;

    TriggerInstanceEndpoints(Supplier<Catalog> catalog, ConfigValidator validator, ObjectMapper mapper,
                             Representations views) {
        this.catalog = catalog;
        this.validator = validator;
        this.mapper = mapper;
        this.views = views;
    }

    void upsert(ApiRequest request) {
        Context ctx = request.ctx();
        String slug = ctx.pathParam("slug").toUpperCase(Locale.ROOT);
        ObjectNode body = objectBody(ctx);
        TriggerType type = TriggerTypeEndpoints.find(catalog.get(), slug, bodyVersions(ctx, body.get("toolkit_versions")));
        JsonNode configNode = body.path("trigger_config");
        if (configNode.isMissingNode() || configNode.isNull()) {
            configNode = mapper.createObjectNode();
        }
        if (!configNode.isObject()) {
            throw ApiException.badRequest("TriggerInstance_ConfigInvalid", "trigger_config must be an object", null);
        }
        List<String> errors = validator.validate(type, configNode);
        if (!errors.isEmpty()) {
            throw new ApiException(400, 1400, "TriggerInstance_ConfigInvalid",
                    "Invalid trigger_config for " + slug + ": " + String.join("; ", errors),
                    "Fix trigger_config to match the config schema of " + slug, errors);
        }
        Map<String, Object> config = mapper.convertValue(validator.withDefaults(type, (ObjectNode) configNode), CONFIG_MAP);
        UpsertOutcome outcome = request.project().upsert(type, text(body, "connected_account_id"), text(body, "user_id"), config);
        request.concernsTrigger(outcome.triggerId());
        ctx.status(outcome.created() ? 201 : 200).json(Map.of("trigger_id", outcome.triggerId()));
    }

    void listActive(ApiRequest request) {
        Context ctx = request.ctx();
        TriggerQuery query = new TriggerQuery(QueryValues.array(ctx, "trigger_ids"),
                QueryValues.array(ctx, "connected_account_ids"), QueryValues.array(ctx, "auth_config_ids"),
                QueryValues.upperCaseArray(ctx, "trigger_names"), QueryValues.array(ctx, "user_ids"),
                QueryValues.bool(ctx, "show_disabled"));
        ctx.json(Pagination.page(request, request.project().findTriggers(query), views::triggerInstance, true));
    }

    void setStatus(ApiRequest request) {
        Context ctx = request.ctx();
        String status = text(objectBody(ctx), "status");
        if (!"enable".equals(status) && !"disable".equals(status)) {
            throw ApiException.badRequest("TriggerInstance_InvalidStatus", "status must be \"enable\" or \"disable\"", null);
        }
        request.project().setTriggerEnabled(ctx.pathParam(ApiRequest.TRIGGER_ID_PARAM), "enable".equals(status));
        ctx.json(Map.of("status", "success"));
    }

    void delete(ApiRequest request) {
        String id = request.ctx().pathParam(ApiRequest.TRIGGER_ID_PARAM);
        request.project().deleteTriggerFromApi(id);
        request.ctx().json(Map.of("trigger_id", id));
    }

    /** Versions from the body ({@code "latest"}, one version, or per toolkit), else from the query. */
    private static ToolkitVersions bodyVersions(Context ctx, JsonNode node) {
        if (node == null || node.isNull()) {
            return QueryValues.toolkitVersions(ctx);
        }
        if (node.isTextual()) {
            return new ToolkitVersions(node.asText(), Map.of());
        }
        Map<String, String> perToolkit = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> perToolkit.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        return new ToolkitVersions(null, perToolkit);
    }

    private ObjectNode objectBody(Context ctx) {
        String raw = ctx.body();
        if (raw.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode node = mapper.readTree(raw);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // reported below like any non-object body
        }
        throw ApiException.badRequest("Request_InvalidBody", "The request body must be a JSON object", null);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
