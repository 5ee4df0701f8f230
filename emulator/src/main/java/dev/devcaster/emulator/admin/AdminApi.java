package dev.devcaster.emulator.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.emulator.catalog.Catalog;
import dev.devcaster.emulator.catalog.CatalogRef;
import dev.devcaster.emulator.faults.Faults;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.requests.KeyFingerprint;
import dev.devcaster.emulator.requests.RequestLog;
import dev.devcaster.emulator.requests.RequestRecord;
import dev.devcaster.emulator.state.SeedDocument;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.emulator.store.Projects;
import dev.devcaster.emulator.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The emulator's own HTTP surface under /_emulator, mirroring the Java API so scripts and
 * non-Java tests can drive it. No API key needed; never subject to injected faults.
 */
public final class AdminApi {

    private static final String ROOT = "/_emulator";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Projects projects;
    private final Faults faults;
    private final RequestLog requestLog;
    private final CatalogRef catalog;
    private final Lifecycle lifecycle;
    private final ObjectMapper mapper;

    public AdminApi(Projects projects, Faults faults, RequestLog requestLog, CatalogRef catalog, Lifecycle lifecycle,
                    ObjectMapper mapper) {
        this.projects = projects;
        this.faults = faults;
        this.requestLog = requestLog;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.mapper = mapper;
    }

    /** What spans several parts at once, and so stays with whoever composed them. */
    public interface Lifecycle {

        /** Adds the document's projects and applies its match-key mode, like a seed file. */
        void seed(SeedDocument document);

        /** Drops projects, triggers, faults and the request log; the catalog stays. */
        void reset();
    }

    public void register(Javalin app) {
        app.get(ROOT + "/health", ctx -> ctx.json(Map.of("status", "ok")));
        app.post(ROOT + "/seed", this::seed);
        app.get(ROOT + "/state", ctx -> ctx.json(projects.snapshot()));
        app.post(ROOT + "/reset", ctx -> {
            lifecycle.reset();
            ctx.json(Map.of("status", "reset"));
        });
        app.put(ROOT + "/catalog", ctx -> {
            catalog.replace(Catalog.parse(mapper.readTree(ctx.body())));
            ctx.json(Map.of("slugs", catalog.get().latestSlugs()));
        });

        app.post(ROOT + "/projects/{apiKey}", ctx -> ctx.status(201).json(Map.of("api_key_id",
                KeyFingerprint.of(projects.project(ctx.pathParam("apiKey")).apiKey()))));
        app.post(ROOT + "/projects/{apiKey}/auth_configs", ctx -> ctx.status(201).json(
                projects.project(ctx.pathParam("apiKey")).addAuthConfig(field(body(ctx), "toolkit_slug"))));
        app.post(ROOT + "/projects/{apiKey}/connected_accounts", this::addAccount);
        app.get(ROOT + "/projects/{apiKey}/connected_accounts", ctx -> ctx.json(existing(ctx).connectedAccounts()));
        app.put(ROOT + "/projects/{apiKey}/connected_accounts/{id}/status", ctx -> {
            existing(ctx).setAccountStatus(ctx.pathParam("id"), status(field(body(ctx), "status")));
            ctx.json(existing(ctx).connectedAccount(ctx.pathParam("id")).orElseThrow());
        });
        app.delete(ROOT + "/projects/{apiKey}/connected_accounts/{id}", ctx -> {
            existing(ctx).deleteConnectedAccount(ctx.pathParam("id"));
            ctx.status(204);
        });
        app.get(ROOT + "/projects/{apiKey}/triggers", ctx -> ctx.json(existing(ctx).triggers()));
        app.post(ROOT + "/projects/{apiKey}/triggers/{id}/disable", ctx -> {
            existing(ctx).disableTrigger(ctx.pathParam("id"));
            ctx.json(existing(ctx).trigger(ctx.pathParam("id")).orElseThrow());
        });
        app.put(ROOT + "/projects/{apiKey}/triggers/{id}/config", ctx -> {
            existing(ctx).replaceTriggerConfig(ctx.pathParam("id"), mapper.readValue(ctx.body(), MAP));
            ctx.json(existing(ctx).trigger(ctx.pathParam("id")).orElseThrow());
        });
        app.delete(ROOT + "/projects/{apiKey}/triggers/{id}", ctx -> {
            existing(ctx).deleteTrigger(ctx.pathParam("id"));
            ctx.status(204);
        });

        new FaultsAdmin(faults, mapper).register(app);

        app.get(ROOT + "/requests", this::requests);
        app.delete(ROOT + "/requests", ctx -> {
            requestLog.clear();
            ctx.status(204);
        });
        app.get(ROOT + "/counters", ctx -> ctx.json(requestLog.counters()));

        app.exception(StoreException.class, (e, ctx) -> adminError(ctx, status(e), e.getMessage()));
        app.exception(NoSuchElementException.class, (e, ctx) -> adminError(ctx, 404, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> adminError(ctx, 400, e.getMessage()));
        app.exception(IOException.class, (e, ctx) -> adminError(ctx, 400, "invalid JSON: " + e.getMessage()));
    }

    private void seed(Context ctx) throws IOException {
        SeedDocument document = mapper.readValue(ctx.body(), SeedDocument.class);
        lifecycle.seed(document);
        ctx.json(projects.snapshot());
    }

    private void addAccount(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String createdAt = body.path("created_at").asText(null);
        ctx.status(201).json(projects.project(ctx.pathParam("apiKey")).addConnectedAccount(field(body, "user_id"),
                field(body, "toolkit_slug"), body.path("auth_config_id").asText(null),
                body.has("status") ? status(body.get("status").asText()) : AccountStatus.ACTIVE,
                createdAt == null ? null : Instant.parse(createdAt)));
    }

    /** {@code ?limit=N} (default 1000): the newest N entries, oldest first. */
    private void requests(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(1000);
        List<RequestRecord> entries = requestLog.entries();
        ctx.json(entries.subList(Math.max(0, entries.size() - limit), entries.size()));
    }

    private Project existing(Context ctx) {
        return projects.existing(ctx.pathParam("apiKey"))
                .orElseThrow(() -> new NoSuchElementException("no project for that API key"));
    }

    private JsonNode body(Context ctx) throws IOException {
        return ctx.body().isBlank() ? mapper.createObjectNode() : mapper.readTree(ctx.body());
    }

    private static String field(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.asText();
    }

    private static AccountStatus status(String value) {
        return AccountStatus.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private static int status(StoreException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> 404;
            case INVALID -> 400;
            case CONFLICT -> 409;
        };
    }

    private static void adminError(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", Map.of("message", String.valueOf(message), "status", status)));
    }
}
