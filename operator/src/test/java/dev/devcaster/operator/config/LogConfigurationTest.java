package dev.devcaster.operator.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The logging set-up the operator's first logger gets, for each LOG_FORMAT and LOG_LEVEL. */
class LogConfigurationTest {

    @Test
    void logbackFindsItThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(Configurator.class)).singleElement().isInstanceOf(LogConfiguration.class);
        // And it is what configured the logging of this very JVM: no appender but the console one.
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.iteratorForAppenders()).toIterable().singleElement().isInstanceOf(ConsoleAppender.class)
            .extracting(Appender::getName).isEqualTo("console");
    }

    @ParameterizedTest
    @EnumSource(LogLevel.class)
    void theOperatorsLoggersAtLogLevelLibrariesQuieter(LogLevel level) {
        LoggerContext context = configured(LogFormat.TEXT, level);
        assertThat(context.getLogger("dev.devcaster.operator.reconcile").getEffectiveLevel())
            .isEqualTo(Level.toLevel(level.name()));
        assertThat(context.getLogger("io.javaoperatorsdk.operator.Operator").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.fabric8.kubernetes.client.informers").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.eclipse.jetty").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void textLinesKeepTheirFormatLocalTimeLevelThreadAndShortLoggerName() {
        LoggerContext context = configured(LogFormat.TEXT, LogLevel.INFO);
        Instant at = Instant.parse("2026-03-04T05:06:07.089Z");
        String line = encode(context, event(context, at));
        String local = LocalDateTime.ofInstant(at, ZoneId.systemDefault()).toString().replace('.', ',');

        assertThat(line).isEqualTo(local + " WARN  [reconciler-1] TriggerReport team-a/commits reason=InvalidConfig\n");
    }

    @Test
    void jsonLinesAreEcsObjectsOnePerLine() throws Exception {
        LoggerContext context = configured(LogFormat.JSON, LogLevel.INFO);
        String line = encode(context, event(context, Instant.parse("2026-03-04T05:06:07.089Z")));

        assertThat(line).endsWith("}\n").doesNotContain("\n{");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("@timestamp").asText()).isEqualTo("2026-03-04T05:06:07.089Z");
        assertThat(json.path("log.level").asText()).isEqualTo("WARN");
        assertThat(json.path("log.logger").asText()).isEqualTo("dev.devcaster.operator.status.TriggerReport");
        assertThat(json.path("process.thread.name").asText()).isEqualTo("reconciler-1");
        assertThat(json.path("message").asText()).isEqualTo("team-a/commits reason=InvalidConfig");
        assertThat(json.has("ecs.version")).isTrue();
    }

    @Test
    void theVariablesPickFormatAndLevel() {
        LoggerContext context = new LoggerContext();
        LogConfiguration.configure(context, Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "debug"));
        assertThat(console(context).getEncoder()).isInstanceOf(EcsKeyValueEncoder.class);
        assertThat(context.getLogger("dev.devcaster.operator").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void anInvalidVariableFallsBackToTheDefaultsMainHasAlreadyRefusedIt() {
        LoggerContext context = new LoggerContext();
        LogConfiguration.configure(context, Map.of("LOG_FORMAT", "xml", "LOG_LEVEL", "loud"));
        assertThat(console(context).getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
        assertThat(context.getLogger("dev.devcaster.operator").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    private static LoggerContext configured(LogFormat format, LogLevel level) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        LogConfiguration.apply(context, format, level);
        return context;
    }

    private static ILoggingEvent event(LoggerContext context, Instant at) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(),
            context.getLogger("dev.devcaster.operator.status.TriggerReport"), Level.WARN,
            "{}/{} reason={}", null, new Object[] {"team-a", "commits", "InvalidConfig"});
        event.setInstant(at);
        event.setThreadName("reconciler-1");
        return event;
    }

    private static String encode(LoggerContext context, ILoggingEvent event) {
        ConsoleAppender<ILoggingEvent> console = console(context);
        assertThat(console.getTarget()).isEqualTo("System.out");
        Encoder<ILoggingEvent> encoder = console.getEncoder();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
        return (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console");
    }
}
