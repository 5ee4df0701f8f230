package dev.devcaster.emulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.emulator.catalog.TriggerType;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.AuthConfig;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.model.TriggerInstance;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of the public API, field for field as the contract lists them. */
final class Representations {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;

    Representations(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode triggerType(TriggerType type) {
        ObjectNode node = mapper.createObjectNode();
        node.put("slug", type.slug());
        node.put("name", type.name());
        node.put("description", type.description());
        node.put("instructions", type.instructions());
        node.put("type", type.type());
        ObjectNode toolkit = node.putObject("toolkit");
        toolkit.put("slug", type.toolkit().slug());
        toolkit.put("name", type.toolkit().name());
        toolkit.put("logo", type.toolkit().logo());
        node.set("config", type.config());
        node.set("payload", type.payload());
        node.put("version", type.version());
        return node;
    }

    Map<String, Object> triggerInstance(TriggerInstance t) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", t.id());
        item.put("trigger_name", t.slug());
        item.put("connected_account_id", t.connectedAccountId());
        item.put("user_id", t.userId());
        item.put("trigger_config", t.config());
        item.put("state", Map.of());
        item.put("updated_at", timestamp(t.updatedAt()));
        item.put("disabled_at", timestamp(t.disabledAt()));
        item.put("created_at", timestamp(t.createdAt()));
        return item;
    }

    /** {@code authConfig} may be null when it was removed after the account was made. */
    Map<String, Object> connectedAccount(ConnectedAccount a, AuthConfig authConfig) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", a.id());
        item.put("toolkit", Map.of("slug", a.toolkitSlug()));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("id", a.authConfigId());
        config.put("is_devcaster_managed", authConfig == null || authConfig.devcasterManaged());
        config.put("is_disabled", authConfig != null && authConfig.disabled());
        item.put("auth_config", config);
        item.put("user_id", a.userId());
        item.put("status", a.status().name());
        item.put("status_reason", a.statusReason());
        item.put("is_disabled", a.status() == AccountStatus.INACTIVE);
        item.put("created_at", timestamp(a.createdAt()));
        item.put("updated_at", timestamp(a.updatedAt()));
        return item;
    }

    Map<String, Object> authConfig(AuthConfig c, long connections) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", c.id());
        item.put("name", c.name());
        item.put("type", c.type());
        item.put("toolkit", Map.of("slug", c.toolkitSlug()));
        item.put("status", c.disabled() ? "DISABLED" : "ENABLED");
        item.put("auth_scheme", c.authScheme());
        item.put("no_of_connections", connections);
        item.put("created_at", timestamp(c.createdAt()));
        return item;
    }

    static String timestamp(Instant at) {
        return at == null ? null : TIMESTAMP.format(at);
    }
}
