package dev.devcaster.operator.status;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.operator.config.LogConfiguration;
import dev.devcaster.operator.config.LogFormat;
import dev.devcaster.operator.config.LogLevel;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.testing.LogCapture;
import dev.devcaster.operator.trigger.Trigger;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
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
            Encoder<ILoggingEvent> json = operatorsJsonEncoder();
            lines = log.events().stream().map(e -> new String(json.encode(e), StandardCharsets.UTF_8)).toList();
        }

        assertThat(lines).singleElement().satisfies(line -> {
            JsonNode json = new ObjectMapper().readTree(line);
            assertThat(json.path("reason").asText()).isEqualTo("InvalidConfig");
            assertThat(json.path("triggerId").asText()).isEqualTo("-");
            assertThat(json.path("namespace").asText()).isEqualTo("team-a");
            assertThat(json.path("trigger").asText()).isEqualTo("commits");
            assertThat(json.path("message").asText()).contains("triggerConfig.repo: required");
            assertThat(json.path("log.level").asText()).isEqualTo("WARN");
            assertThat(json.has("@timestamp")).isTrue();
        });
    }

    /** The encoder the operator's console appender uses with LOG_FORMAT=json. */
    private static Encoder<ILoggingEvent> operatorsJsonEncoder() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        LogConfiguration.apply(context, LogFormat.JSON, LogLevel.INFO);
        return ((OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console"))
            .getEncoder();
    }
}
