package dev.devcaster.operator.status;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile came to: the Ready reason with its message, when to look again, and, when
 * the remote trigger matches the spec, what it is. The status, the Events and the log line are
 * all made from this.
 *
 * @param retryAfter      when to reconcile again; empty means the reconciler's default for the reason
 * @param applied         the remote trigger as it now is, only for {@link ReadyReason#Synced}
 * @param changes         what the operator changed in Devcaster, or set back
 * @param releaseRecorded the recorded remote trigger is not this Trigger's (another keeps it)
 * @param deferred        not its turn yet (the API key's rate): nothing happened, nothing to report
 * @param owned           a remote trigger this reconcile made this Trigger's before it failed, to record
 */
public record Outcome(ReadyReason reason, String message, Optional<Duration> retryAfter, Optional<Applied> applied,
                      List<RemoteChange> changes, boolean releaseRecorded, boolean deferred, Optional<Owned> owned) {

    /** A remote trigger of this Trigger in the project of the API key with this fingerprint. */
    public record Owned(String triggerId, String project) {
    }

    /**
     * The remote trigger after a successful sync.
     *
     * @param project       fingerprint of the API key of the project it lives in
     * @param desiredHash   hash of everything that decides the remote state
     * @param wroteRemotely whether this reconcile changed anything in Devcaster
     */
    public record Applied(String triggerId, String project, String connectedAccountId, String toolkit,
                          String toolkitVersion, boolean enabled, String desiredHash, boolean wroteRemotely) {
    }

    public Outcome {
        changes = List.copyOf(changes);
    }

    public static Outcome synced(Applied applied, List<RemoteChange> changes) {
        return new Outcome(ReadyReason.Synced, "remote trigger " + applied.triggerId() + " is "
            + (applied.enabled() ? "Enabled" : "Disabled") + " on connected account " + applied.connectedAccountId(),
            Optional.empty(), Optional.of(applied), changes, false, false, Optional.empty());
    }

    public static Outcome of(ReadyReason reason, String message) {
        return of(reason, message, null);
    }

    public static Outcome of(ReadyReason reason, String message, Duration retryAfter) {
        return new Outcome(reason, message, Optional.ofNullable(retryAfter), Optional.empty(), List.of(), false, false,
            Optional.empty());
    }

    public static Outcome of(TriggerProblem problem) {
        return new Outcome(problem.reason(), problem.getMessage(), problem.retryAfter(), Optional.empty(), List.of(),
            problem.releasesRecordedId(), false, Optional.empty());
    }

    /** Not this Trigger's turn with its API key yet: look again then, without reporting anything. */
    public static Outcome deferred(Duration until) {
        return new Outcome(ReadyReason.RateLimited, "waiting for its turn with the API key", Optional.of(until),
            Optional.empty(), List.of(), false, true, Optional.empty());
    }

    /** The same outcome with remote changes made before it came to this. */
    public Outcome withChanges(List<RemoteChange> earlier) {
        List<RemoteChange> all = new java.util.ArrayList<>(earlier);
        all.addAll(changes);
        return new Outcome(reason, message, retryAfter, applied, all, releaseRecorded, deferred, owned);
    }

    /**
     * The same outcome, and the remote trigger the reconcile left this Trigger with before it came to
     * this; reported even when it was only not its turn, so the status records it.
     */
    public Outcome owning(Optional<Owned> instance) {
        return instance.isEmpty() ? this
            : new Outcome(reason, message, retryAfter, applied, changes, releaseRecorded, false, instance);
    }
}
