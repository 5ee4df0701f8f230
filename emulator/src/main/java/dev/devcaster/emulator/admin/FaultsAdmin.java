package dev.devcaster.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.emulator.faults.FaultRule;
import dev.devcaster.emulator.faults.FaultScope;
import dev.devcaster.emulator.faults.Faults;
import dev.devcaster.emulator.faults.RateLimitHeaders;
import dev.devcaster.emulator.model.MatchKeyMode;
import dev.devcaster.emulator.requests.KeyFingerprint;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /_emulator/faults}: reads, sets and clears the injected faults. The body of
 * {@code POST /_emulator/faults} names the faults to set; {@code POST /_emulator/faults/{name}}
 * sets one, with what that name takes as its body. One-shot and random faults may carry a scope
 * ({@code "method"}, {@code "route"}, {@code "api_key"}) and may be given as a list.
 */
final class FaultsAdmin {

    private static final String ROOT = "/_emulator/faults";
    /** The faults that {@code POST /_emulator/faults/{name}} accepts, as in the combined body. */
    private static final Set<String> NAMES = Set.of("latency_ms", "error_rate", "outage", "drop_next", "rate_limit_next",
            "rate_limit_rate", "fail_next", "misrouted_next", "misrouted_rate", "match_key_mode", "rate_limit");

    private final Faults faults;
    private final ObjectMapper mapper;

    FaultsAdmin(Faults faults, ObjectMapper mapper) {
        this.faults = faults;
        this.mapper = mapper;
    }

    void register(Javalin app) {
        app.get(ROOT, ctx -> ctx.json(view()));
        app.post(ROOT, ctx -> {
            apply(body(ctx));
            ctx.json(view());
        });
        app.post(ROOT + "/{name}", ctx -> {
            String name = ctx.pathParam("name");
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown fault " + name + "; known: " + NAMES);
            }
            ObjectNode wrapped = mapper.createObjectNode();
            wrapped.set(name, body(ctx));
            apply(wrapped);
            ctx.json(view());
        });
        app.delete(ROOT, ctx -> {
            faults.clear();
            ctx.json(view());
        });
    }

    /** Applies only the fields present; see the README for each one's body. */
    private void apply(JsonNode body) {
        if (body.has("latency_ms")) {
            faults.latency(Duration.ofMillis(body.get("latency_ms").asLong()));
        }
        for (JsonNode n : items(body, "error_rate")) {
            faults.errorRate(share(n), scope(n));
        }
        if (body.has("outage")) {
            faults.outage(body.get("outage").asBoolean());
        }
        for (JsonNode n : items(body, "drop_next")) {
            faults.dropNext(count(n), scope(n));
        }
        for (JsonNode n : items(body, "rate_limit_next")) {
            faults.rateLimitNext(count(n), headers(n), n.path("retry_after_seconds").asLong(1), scope(n));
        }
        for (JsonNode n : items(body, "rate_limit_rate")) {
            faults.rateLimitRate(share(n), headers(n), n.path("retry_after_seconds").asLong(1), scope(n));
        }
        for (JsonNode n : items(body, "fail_next")) {
            faults.failNext(count(n), n.path("status").asInt(500), scope(n));
        }
        for (JsonNode n : items(body, "misrouted_next")) {
            faults.misroutedNext(count(n), scope(n));
        }
        for (JsonNode n : items(body, "misrouted_rate")) {
            faults.misroutedRate(share(n), scope(n));
        }
        if (body.has("match_key_mode")) {
            faults.matchKeyMode(MatchKeyMode.parse(body.get("match_key_mode").asText()));
        }
        if (body.has("rate_limit")) {
            JsonNode n = body.get("rate_limit");
            faults.rateLimit(n.path("requests").asInt(0), Duration.ofSeconds(n.path("window_seconds").asLong(60)));
        }
    }

    private Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("latency_ms", faults.currentLatency().toMillis());
        view.put("match_key_mode", faults.currentMatchKeyMode().name());
        faults.currentRateQuota().ifPresent(q ->
                view.put("rate_limit", Map.of("requests", q.limit(), "window_seconds", q.window().toSeconds())));
        view.put("outage", faults.currentOutage());
        view.put("rules", faults.currentRules().stream().map(FaultsAdmin::ruleView).toList());
        return view;
    }

    /** A rule under the name that sets it, with its count or share, its answer and its scope. */
    private static Map<String, Object> ruleView(FaultRule rule) {
        Map<String, Object> view = new LinkedHashMap<>();
        String effect = switch (rule.effect()) {
            case DROP -> "drop";
            case RATE_LIMITED -> "rate_limit";
            case ERROR -> rule.oneShot() ? "fail" : "error";
            case MISROUTED -> "misrouted";
        };
        view.put("fault", effect + (rule.oneShot() ? "_next" : "_rate"));
        if (rule.oneShot()) {
            view.put("remaining", rule.remaining());
        } else {
            view.put("share", rule.share());
        }
        if (rule.effect() == FaultRule.Effect.ERROR && rule.status() != 0) {
            view.put("status", rule.status());
        }
        if (rule.effect() == FaultRule.Effect.RATE_LIMITED) {
            view.put("headers", rule.headers().name().toLowerCase(Locale.ROOT));
            view.put("retry_after_seconds", rule.retryAfterSeconds());
        }
        FaultScope scope = rule.scope();
        if (scope.method() != null) {
            view.put("method", scope.method());
        }
        if (scope.route() != null) {
            view.put("route", scope.route());
        }
        if (scope.apiKey() != null) {
            view.put("api_key_id", KeyFingerprint.of(scope.apiKey()));
        }
        return view;
    }

    /** The field's value as a list: a list stays one, anything else is a list of one; absent is empty. */
    private static List<JsonNode> items(JsonNode body, String field) {
        JsonNode value = body.get(field);
        List<JsonNode> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (value.isArray()) {
            value.forEach(items::add);
        } else {
            items.add(value);
        }
        return items;
    }

    /** {@code 3} or {@code {"count": 3, …}}; 1 when an object leaves it out. */
    private static int count(JsonNode n) {
        return n.isNumber() ? n.asInt() : n.path("count").asInt(1);
    }

    /** {@code 0.2} or {@code {"share": 0.2, …}}. */
    private static double share(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (!n.path("share").isNumber()) {
            throw new IllegalArgumentException("a random fault needs a numeric share (0..1)");
        }
        return n.get("share").asDouble();
    }

    /** {@code "headers": "with" | "without" | "mixed"}, else {@code "with_headers": true | false}; default with. */
    private static RateLimitHeaders headers(JsonNode n) {
        if (n.hasNonNull("headers")) {
            return RateLimitHeaders.valueOf(n.get("headers").asText().toUpperCase(Locale.ROOT));
        }
        return n.path("with_headers").asBoolean(true) ? RateLimitHeaders.WITH : RateLimitHeaders.WITHOUT;
    }

    private static FaultScope scope(JsonNode n) {
        if (!n.isObject()) {
            return FaultScope.ANY;
        }
        return new FaultScope(n.path("method").asText(null), n.path("route").asText(null), n.path("api_key").asText(null));
    }

    private JsonNode body(Context ctx) throws IOException {
        return ctx.body().isBlank() ? mapper.createObjectNode() : mapper.readTree(ctx.body());
    }
}
