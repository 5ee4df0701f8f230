package dev.devcaster.operator.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what loggers write, rendered with stack traces, as a person reading the log would see it. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level previousLevel;

    private LogCapture(String loggerName, Level level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        this.logger = context.getLogger(loggerName.isEmpty() ? Logger.ROOT_LOGGER_NAME : loggerName);
        this.previousLevel = logger.getLevel();
        setContext(context);
        setName("capture-" + loggerName);
        start();
        if (level != null) {
            logger.setLevel(level);
        }
        logger.addAppender(this);
    }

    /** Everything a logger and its children write, at DEBUG. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, Level.DEBUG);
    }

    /** Every line the process logs at the levels its configuration lets through. */
    public static LogCapture all() {
        return new LogCapture("", null);
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
        StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
            + event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The events themselves, to render with another encoder. */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(previousLevel);
        stop();
    }
}
