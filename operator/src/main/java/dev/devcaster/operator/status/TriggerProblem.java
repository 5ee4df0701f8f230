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
    private final boolean releasesRecordedId;

    public TriggerProblem(ReadyReason reason, String message) {
        this(reason, message, null);
    }

    public TriggerProblem(ReadyReason reason, String message, Duration retryAfter) {
        this(reason, message, retryAfter, false);
    }

    private TriggerProblem(ReadyReason reason, String message, Duration retryAfter, boolean releasesRecordedId) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.releasesRecordedId = releasesRecordedId;
    }

    /**
     * Another Trigger keeps the remote trigger.
     *
     * @param releasesRecordedId this Trigger recorded that instance too (both recorded it in the same
     *                           instant) and must give it up: it is not its own to update or delete
     */
    public static TriggerProblem conflict(String message, boolean releasesRecordedId) {
        return new TriggerProblem(ReadyReason.Conflict, message, null, releasesRecordedId);
    }

    public ReadyReason reason() {
        return reason;
    }

    /** When to look again; empty means the reconciler's default for the reason. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean releasesRecordedId() {
        return releasesRecordedId;
    }
}
