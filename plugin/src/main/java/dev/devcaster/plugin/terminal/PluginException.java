package dev.devcaster.plugin.terminal;

/**
 * A failure the person running the command can act on: the message says what went wrong and, where
 * it helps, what to do. Printed as {@code error: <message>} without a stack trace. Never carries an
 * API key.
 */
public final class PluginException extends RuntimeException {

    private final int exitCode;

    public PluginException(String message) {
        this(message, ExitCode.FAILED);
    }

    public PluginException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** @param cause kept for callers that look at it; its message is not shown */
    public PluginException(String message, Throwable cause) {
        super(message, cause, false, false);
        this.exitCode = ExitCode.FAILED;
    }

    public int exitCode() {
        return exitCode;
    }
}
