package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devcaster.emulator.faults.FaultScope;
import org.junit.jupiter.api.Test;

/** A proxy's HTML 404 in front of Devcaster, told apart from Devcaster's own not-found envelope. */
class MisroutedTest extends EmulatorTestSupport {

    private static final FaultScope DELETE_MANAGE = FaultScope.of("DELETE", "/api/v3/trigger_instances/manage/{id}");

    @Test
    void misroutedNextAnswersAnHtml404WithoutTheEnvelopeAndKeepsTheInstance() {
        String triggerId = slackTrigger("u1");
        emulator.faults().misroutedNext(1, DELETE_MANAGE);

        Response misrouted = deleteTrigger(triggerId);

        assertThat(misrouted.status()).isEqualTo(404);
        assertThat(misrouted.header("content-type")).startsWith("text/html");
        assertThat(misrouted.body()).contains("<html>").contains("404 Not Found").doesNotContain("\"error\"");
        assertThat(misrouted.header("x-request-id")).isNull();
        assertThat(project.trigger(triggerId)).isPresent();
        assertThat(emulator.requestLog().entries()).last().satisfies(r -> assertThat(r.status()).isEqualTo(404));

        assertThat(deleteTrigger(triggerId).status()).isEqualTo(200);
        Response gone = deleteTrigger(triggerId);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("content-type")).startsWith("application/json");
        assertThat(gone.json().path("error").path("slug").asText()).isEqualTo("TriggerInstance_NotFound");
    }

    @Test
    void misroutedRateHitsOnlyItsScope() {
        String triggerId = slackTrigger("u1");
        emulator.faults().misroutedRate(1.0, FaultScope.of("PATCH", "/trigger_instances/manage/{id}"));

        for (int i = 0; i < 3; i++) {
            Response misrouted = manage(triggerId, "disable");
            assertThat(misrouted.status()).isEqualTo(404);
            assertThat(misrouted.body()).startsWith("<html>");
        }
        assertThat(get("/api/v3/trigger_instances/active").status()).isEqualTo(200);
        assertThat(project.trigger(triggerId)).hasValueSatisfying(t -> assertThat(t.enabled()).isTrue());

        emulator.faults().misroutedRate(0, FaultScope.of("PATCH", "/trigger_instances/manage/{id}"));
        assertThat(manage(triggerId, "disable").status()).isEqualTo(200);
    }
}
