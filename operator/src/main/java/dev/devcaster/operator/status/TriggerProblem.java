package dev.devcaster.operator.status;

import java.time.Duration;
import java.util.Optional;

/**
 * A reconcile step found something that stops it, to be reported in the Ready condition rather
 * than retried as an error. The message is for people: it says what is wrong and what to do.
 */
public final class TriggerProblem extends RuntimeException {

    private final ReadyReason reason;
    private final Duration retryAfter;

    public TriggerProblem(ReadyReason reason, String message) {
        this(reason, message, null);
    }

    public TriggerProblem(ReadyReason reason, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public ReadyReason reason() {
        return reason;
    }

    /** When to look again; empty means the reconciler's default for the reason. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
