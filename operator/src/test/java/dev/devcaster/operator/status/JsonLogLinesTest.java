package dev.devcaster.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.testing.LogCapture;
import dev.devcaster.operator.trigger.Trigger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** With LOG_FORMAT=json (the ECS layout), a reconcile's reason and remote trigger id are fields of their own. */
class JsonLogLinesTest {

    @Test
    void reasonAndTriggerIdAreFieldsOfTheirOwn() throws Exception {
        Trigger t = trigger("commits", "GITHUB_COMMIT_EVENT", "alice");
        t.getMetadata().setNamespace("team-a");
        TriggerReport report = new TriggerReport(mock(KubernetesGateway.class), Clock.systemUTC());
        List<String> lines;
        try (LogCapture log = LogCapture.of(TriggerReport.class.getName())) {
            report.report(t, Outcome.of(ReadyReason.InvalidConfig, "config does not match: triggerConfig.repo: required"));
            JsonTemplateLayout ecs = JsonTemplateLayout.newBuilder()
                .setConfiguration(((LoggerContext) LogManager.getContext(false)).getConfiguration())
                .setEventTemplateUri("classpath:EcsLayout.json").build();
            lines = log.events().stream().map(ecs::toSerializable).toList();
        }

        assertThat(lines).singleElement().satisfies(line -> {
            JsonNode json = new ObjectMapper().readTree(line);
            assertThat(json.path("reason").asText()).isEqualTo("InvalidConfig");
            assertThat(json.path("triggerId").asText()).isEqualTo("-");
            assertThat(json.path("namespace").asText()).isEqualTo("team-a");
            assertThat(json.path("trigger").asText()).isEqualTo("commits");
            assertThat(json.path("message").asText()).contains("triggerConfig.repo: required");
        });
    }
}
