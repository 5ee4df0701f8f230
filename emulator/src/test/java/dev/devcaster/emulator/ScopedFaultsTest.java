package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devcaster.emulator.faults.FaultScope;
import dev.devcaster.emulator.model.AccountStatus;
import org.junit.jupiter.api.Test;

/** failNext and errorRate limited to a method, a route and/or an API key; unscoped ones stay global. */
class ScopedFaultsTest extends EmulatorTestSupport {

    private static final String LIST = "/api/v3/trigger_instances/active";
    private static final FaultScope DELETE_MANAGE = FaultScope.of("DELETE", "/api/v3/trigger_instances/manage/{id}");

    @Test
    void failNextScopedToARouteHitsOnlyThatMethodAndRoute() {
        String triggerId = slackTrigger("u1");
        emulator.faults().failNext(1, 502, DELETE_MANAGE);

        assertThat(get(LIST).status()).isEqualTo(200);
        assertThat(manage(triggerId, "disable").status()).isEqualTo(200);
        Response failed = deleteTrigger(triggerId);
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.json().path("error").path("status").asInt()).isEqualTo(502);
        assertThat(project.trigger(triggerId)).isPresent();

        assertThat(deleteTrigger(triggerId).status()).isEqualTo(200);
        assertThat(project.trigger(triggerId)).isEmpty();
    }

    @Test
    void routeScopesIgnoreThePlaceholderNameAndTheApiVersionPrefix() {
        String first = slackTrigger("u1");
        String second = slackTrigger("u2");
        emulator.faults().failNext(2, 503, FaultScope.of("delete", "/trigger_instances/manage/{triggerId}"));

        assertThat(delete("/api/v3.1/trigger_instances/manage/" + first).status()).isEqualTo(503);
        assertThat(deleteTrigger(second).status()).isEqualTo(503);
        assertThat(deleteTrigger(first).status()).isEqualTo(200);
    }

    @Test
    void aConcretePathTargetsOneInstance() {
        String target = slackTrigger("u1");
        String other = slackTrigger("u2");
        emulator.faults().failNext(1, 500, FaultScope.of(null, "/api/v3/trigger_instances/manage/" + target));

        assertThat(manage(other, "disable").status()).isEqualTo(200);
        assertThat(deleteTrigger(other).status()).isEqualTo(200);
        assertThat(manage(target, "disable").status()).isEqualTo(500);
        assertThat(manage(target, "disable").status()).isEqualTo(200);
    }

    @Test
    void anApiKeyScopeSparesOtherKeys() {
        emulator.project("other-key");
        emulator.faults().failNext(1, 500, FaultScope.of("GET", LIST).withApiKey("other-key"));

        assertThat(get(LIST).status()).isEqualTo(200);
        assertThat(get(LIST, "other-key").status()).isEqualTo(500);
        assertThat(get(LIST, "other-key").status()).isEqualTo(200);
    }

    @Test
    void scopedErrorRateFailsOnlyTheScopedRoute() {
        project.addConnectedAccount("u1", "slack", AccountStatus.ACTIVE, T0);
        emulator.faults().errorRate(1.0, FaultScope.of("POST", "/api/v3/trigger_instances/{slug}/upsert"));

        for (int i = 0; i < 5; i++) {
            assertThat(upsert("SLACK_RECEIVE_MESSAGE", "{\"user_id\":\"u1\"}").status()).isIn(500, 502, 503);
            assertThat(get(LIST).status()).isEqualTo(200);
        }
        assertThat(project.triggers()).isEmpty();

        emulator.faults().errorRate(0, FaultScope.of("POST", "/api/v3/trigger_instances/{slug}/upsert"));
        assertThat(upsert("SLACK_RECEIVE_MESSAGE", "{\"user_id\":\"u1\"}").status()).isEqualTo(201);
    }

    @Test
    void settingTheSameScopeAgainReplacesTheFault() {
        emulator.faults().failNext(5, 500, FaultScope.method("GET"));
        emulator.faults().failNext(1, 504, FaultScope.method("GET"));

        assertThat(get(LIST).status()).isEqualTo(504);
        assertThat(get(LIST).status()).isEqualTo(200);
        assertThat(emulator.faults().currentRules()).isEmpty();
    }

    @Test
    void scopedAndUnscopedFaultsLiveSideBySide() {
        emulator.faults().failNext(1, 502, FaultScope.method("DELETE"));
        emulator.faults().failNext(1, 500);

        assertThat(emulator.faults().currentRules()).hasSize(2);
        assertThat(get(LIST).status()).isEqualTo(500);
        assertThat(get(LIST).status()).isEqualTo(200);
        assertThat(deleteTrigger("ti_nope").status()).isEqualTo(502);
        assertThat(deleteTrigger("ti_nope").status()).isEqualTo(404);
    }

    @Test
    void aRouteMustBeAPath() {
        assertThatThrownBy(() -> FaultScope.of("GET", "trigger_instances/active")).isInstanceOf(IllegalArgumentException.class);
    }
}
