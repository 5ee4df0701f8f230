package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The new faults over the admin HTTP API, the way a separate process (a chaos program) drives them. */
class FaultsAdminTest extends EmulatorTestSupport {

    private static final String LIST = "/api/v3/trigger_instances/active";

    /** The rule that the named fault set, from the view GET/POST /_emulator/faults answer. */
    private static JsonNode rule(JsonNode view, String fault) {
        for (JsonNode rule : view.path("rules")) {
            if (rule.path("fault").asText().equals(fault)) {
                return rule;
            }
        }
        throw new AssertionError("no " + fault + " in " + view);
    }

    @Test
    void scopedFailNextAndErrorRateOverHttp() {
        String triggerId = slackTrigger("u1");
        emulator.project("other-key");

        JsonNode view = admin("POST", "/_emulator/faults", """
                {"fail_next": {"count": 1, "status": 502, "method": "DELETE",
                               "route": "/api/v3/trigger_instances/manage/{id}", "api_key": "test-key-1"},
                 "error_rate": {"share": 1.0, "method": "GET", "route": "/api/v3/connected_accounts"}}
                """).json();

        assertThat(view.path("rules")).hasSize(2);
        JsonNode failNext = rule(view, "fail_next");
        assertThat(failNext.path("remaining").asInt()).isEqualTo(1);
        assertThat(failNext.path("status").asInt()).isEqualTo(502);
        assertThat(failNext.path("route").asText()).isEqualTo("/api/v3/trigger_instances/manage/{id}");
        assertThat(failNext.path("api_key_id").asText()).startsWith("key-");
        assertThat(view.toString()).doesNotContain(KEY);
        assertThat(rule(view, "error_rate").path("share").asDouble()).isEqualTo(1.0);

        assertThat(deleteTrigger("ti_nope").status()).isEqualTo(502);
        assertThat(deleteTrigger(triggerId).status()).isEqualTo(200);
        assertThat(get("/api/v3/connected_accounts").status()).isIn(500, 502, 503);
        assertThat(get("/api/v3/connected_accounts", "other-key").status()).isIn(500, 502, 503);
        assertThat(get(LIST).status()).isEqualTo(200);
    }

    @Test
    void randomRateLimitOverItsOwnRoute() {
        Response set = admin("POST", "/_emulator/faults/rate_limit_rate",
                "{\"share\": 1, \"headers\": \"with\", \"retry_after_seconds\": 12, \"method\": \"GET\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(rule(set.json(), "rate_limit_rate").path("headers").asText()).isEqualTo("with");

        Response limited = get(LIST);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("12");

        admin("POST", "/_emulator/faults/rate_limit_rate", "{\"share\": 1, \"headers\": \"without\", \"method\": \"GET\"}");
        Response bare = get(LIST);
        assertThat(bare.status()).isEqualTo(429);
        assertThat(bare.header("Retry-After")).isNull();
        assertThat(bare.header("X-RateLimit")).isNull();

        admin("POST", "/_emulator/faults", "{\"rate_limit_rate\": {\"share\": 0, \"method\": \"GET\"}}");
        assertThat(get(LIST).status()).isEqualTo(200);
    }

    @Test
    void misroutedFaultsOverHttpTakeAListOfScopes() {
        String triggerId = slackTrigger("u1");
        admin("POST", "/_emulator/faults", """
                {"misrouted_next": [{"count": 1, "method": "DELETE", "route": "/trigger_instances/manage/{id}"},
                                    {"count": 1, "method": "PATCH", "route": "/trigger_instances/manage/{id}"}]}
                """);

        Response patch = manage(triggerId, "disable");
        Response delete = deleteTrigger(triggerId);
        assertThat(patch.status()).isEqualTo(404);
        assertThat(patch.body()).startsWith("<html>");
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.body()).startsWith("<html>");
        assertThat(project.trigger(triggerId)).isPresent();

        admin("POST", "/_emulator/faults/misrouted_rate", "{\"share\": 1.0, \"route\": \"/api/v3/connected_accounts/{id}\"}");
        assertThat(get("/api/v3/connected_accounts/ca_any").body()).contains("404 Not Found");
        assertThat(get("/api/v3/connected_accounts").status()).isEqualTo(200);
    }

    @Test
    void oneShotAndLegacyFieldsStillTakeTheirOldForms() {
        admin("POST", "/_emulator/faults", "{\"drop_next\": 0, \"rate_limit_next\": {\"count\": 1, \"with_headers\": false}}");

        Response limited = get(LIST);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNull();
        assertThat(get(LIST).status()).isEqualTo(200);

        admin("POST", "/_emulator/faults", "{\"error_rate\": 1.0, \"outage\": false}");
        assertThat(get(LIST).status()).isIn(500, 502, 503);
        JsonNode cleared = admin("DELETE", "/_emulator/faults", null).json();
        assertThat(cleared.path("rules")).isEmpty();
        assertThat(get(LIST).status()).isEqualTo(200);
    }

    @Test
    void badFaultsAre400() {
        assertThat(admin("POST", "/_emulator/faults/fail_later", "{}").status()).isEqualTo(400);
        assertThat(admin("POST", "/_emulator/faults", "{\"error_rate\": {\"share\": 2}}").status()).isEqualTo(400);
        assertThat(admin("POST", "/_emulator/faults", "{\"misrouted_rate\": {\"route\": \"/x\"}}").status()).isEqualTo(400);
        assertThat(admin("POST", "/_emulator/faults", "{\"fail_next\": {\"route\": \"no-slash\"}}").status()).isEqualTo(400);
        assertThat(admin("POST", "/_emulator/faults", "{\"rate_limit_rate\": {\"share\": 1, \"headers\": \"some\"}}").status())
                .isEqualTo(400);
        assertThat(admin("GET", "/_emulator/faults", null).json().path("rules")).isEmpty();
    }
}
