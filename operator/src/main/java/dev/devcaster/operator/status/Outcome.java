package dev.devcaster.operator.status;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile came to: the Ready reason with its message, when to look again, and, when
 * the remote trigger matches the spec, what it is. The status, the Events and the log line are
 * all made from this.
 *
 * @param retryAfter  when to reconcile again; empty means the reconciler's default for the reason
 * @param applied     the remote trigger as it now is, only for {@link ReadyReason#Synced}
 * @param corrections what the operator changed to bring the remote trigger back in line
 */
public record Outcome(ReadyReason reason, String message, Optional<Duration> retryAfter, Optional<Applied> applied,
                      List<Correction> corrections) {

    /**
     * The remote trigger after a successful sync.
     *
     * @param desiredHash  hash of everything that decides the remote state
     * @param wroteRemotely whether this reconcile changed anything in Devcaster
     */
    public record Applied(String triggerId, String connectedAccountId, String toolkit, String toolkitVersion,
                          boolean enabled, String desiredHash, boolean wroteRemotely) {
    }

    public Outcome {
        corrections = List.copyOf(corrections);
    }

    public static Outcome synced(Applied applied, List<Correction> corrections) {
        return new Outcome(ReadyReason.Synced, "remote trigger " + applied.triggerId() + " is "
            + (applied.enabled() ? "Enabled" : "Disabled") + " on connected account " + applied.connectedAccountId(),
            Optional.empty(), Optional.of(applied), corrections);
    }

    public static Outcome of(ReadyReason reason, String message) {
        return new Outcome(reason, message, Optional.empty(), Optional.empty(), List.of());
    }

    public static Outcome of(ReadyReason reason, String message, Duration retryAfter) {
        return new Outcome(reason, message, Optional.ofNullable(retryAfter), Optional.empty(), List.of());
    }

    public static Outcome of(TriggerProblem problem) {
        return new Outcome(problem.reason(), problem.getMessage(), problem.retryAfter(), Optional.empty(), List.of());
    }
}
