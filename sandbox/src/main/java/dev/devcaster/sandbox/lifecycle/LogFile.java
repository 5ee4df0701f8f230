package dev.devcaster.sandbox.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

import java.nio.file.Path;

/**
 * {@code <state dir>/sandbox.log}: the operator, JOSDK, Fabric8 and the emulator log there, so the
 * terminal keeps the table. Set up after the pid file is claimed, so a second sandbox on the same
 * state dir does not truncate the running one's log; nothing logs before that.
 */
public final class LogFile implements Component {

    private static volatile boolean started;

    private final Path file;

    public LogFile(Path file) {
        this.file = file;
    }

    /** A logger writing to the log file; silent until the log file is set up. */
    public static Logger logger(Class<?> type) {
        return started ? LoggerFactory.getLogger(type) : NOPLogger.NOP_LOGGER;
    }

    @Override
    public void start() {
        System.setProperty("log4j2.configurationFile", "devcaster-sandbox-log4j2.xml");
        System.setProperty("devcaster.sandbox.log", file.toString());
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        started = true;
    }

    @Override
    public void stop() {
        // the log stays for reading
    }
}
