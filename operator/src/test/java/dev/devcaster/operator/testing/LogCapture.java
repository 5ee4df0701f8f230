package dev.devcaster.operator.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Collects what loggers write, rendered with stack traces, as a person reading the log would see it. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final String loggerName;
    private final LoggerConfig previous;

    private LogCapture(String loggerName, Level level) {
        super("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY);
        this.loggerName = loggerName;
        Configuration config = context.getConfiguration();
        start();
        if (loggerName.isEmpty()) {
            this.previous = null;
            config.getRootLogger().addAppender(this, level, null);
        } else {
            this.previous = config.getLoggers().get(loggerName);
            LoggerConfig capturing = new LoggerConfig(loggerName, level, true);
            capturing.addAppender(this, level, null);
            config.addLogger(loggerName, capturing);
        }
        context.updateLoggers();
    }

    /** Everything a logger and its children write, at DEBUG. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, Level.DEBUG);
    }

    /** Every line the process logs at the levels its configuration lets through. */
    public static LogCapture all() {
        return new LogCapture("", Level.ALL);
    }

    @Override
    public void append(LogEvent event) {
        events.add(event.toImmutable());
        StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
            + event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The events themselves, to render with another layout. */
    public List<LogEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        if (loggerName.isEmpty()) {
            config.getRootLogger().removeAppender(getName());
        } else {
            config.removeLogger(loggerName);
            if (previous != null) {
                config.addLogger(loggerName, previous);
            }
        }
        context.updateLoggers();
        stop();
    }
}
