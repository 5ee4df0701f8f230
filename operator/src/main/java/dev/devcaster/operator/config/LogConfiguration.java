package dev.devcaster.operator.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import co.elastic.logging.logback.EcsEncoder;

import java.util.Map;

/**
 * Logback's configuration, in code and found through {@code ServiceLoader}: no configuration file
 * to parse at start, which is where most of a logging backend's start-up goes. {@code LOG_FORMAT}
 * and {@code LOG_LEVEL} are read from the environment as the operator reads them; Main has
 * already refused a value that is not valid, so here a bad one falls back to the default.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    /** Local time, comma before the milliseconds: what the text format has always written. */
    static final String TEXT_PATTERN = "%d{\"yyyy-MM-dd'T'HH:mm:ss,SSS\"} %-5level [%thread] %logger{0} %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        configure(context, System.getenv());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static void configure(LoggerContext context, Map<String, String> environment) {
        apply(context, readOr(Settings.LOG_FORMAT, environment, LogFormat.TEXT),
            readOr(Settings.LOG_LEVEL, environment, LogLevel.INFO));
    }

    /** One console appender on standard out; the operator's loggers at {@code level}, libraries quieter. */
    public static void apply(LoggerContext context, LogFormat format, LogLevel level) {
        Encoder<ILoggingEvent> encoder = format == LogFormat.JSON ? ecs(context) : text(context);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger("dev.devcaster").setLevel(Level.toLevel(level.name()));
        context.getLogger("io.javaoperatorsdk").setLevel(Level.INFO);
        context.getLogger("io.fabric8").setLevel(Level.WARN);
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> ecs(LoggerContext context) {
        EcsEncoder encoder = new EcsKeyValueEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    private static <T> T readOr(Setting<T> setting, Map<String, String> environment, T fallback) {
        try {
            return setting.read(environment);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
