package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.client.ConflictException;
import dev.devcaster.operator.client.InvalidConfigException;
import dev.devcaster.operator.client.NotFoundException;
import dev.devcaster.operator.client.RateLimitedException;
import dev.devcaster.operator.client.RejectedException;
import dev.devcaster.operator.client.TransientException;
import dev.devcaster.operator.client.UnauthorizedException;
import dev.devcaster.operator.status.Outcome;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where a failure becomes a Ready reason, a message for people and a time to try
 * again. Transient failures back off exponentially per Trigger; anything this class does not know
 * is a bug and goes to the framework's retry (with its stack trace) instead of a status.
 */
final class Failures {

    private final TransientBackoff transientBackoff;
    private final TransientBackoff rateLimitBackoff;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    /** @param recheckPeriod how soon a rate limit without Retry-After is tried again (then doubling) */
    Failures(TransientBackoff transientBackoff, Duration recheckPeriod) {
        this.transientBackoff = transientBackoff;
        this.rateLimitBackoff = new TransientBackoff(recheckPeriod, recheckPeriod.multipliedBy(8));
    }

    /** @throws RuntimeException the failure itself when it is not one this operator expects */
    Outcome outcome(Trigger trigger, RuntimeException failure) {
        if (failure instanceof TriggerProblem problem) {
            return Outcome.of(problem);
        }
        if (failure instanceof RateLimitedException e) {
            // The message names only what the server said, so repeated attempts do not rewrite status.
            String when = e.retryAfter().map(d -> "retrying in " + d.toSeconds() + "s as Devcaster asked")
                .orElse("retrying after a backoff (no Retry-After)");
            return Outcome.of(ReadyReason.RateLimited, "Devcaster rate limit reached; " + when + " (" + e.getMessage()
                + ")", e.retryAfter().orElseGet(() -> rateLimitBackoff.delay(nextAttempt(trigger))));
        }
        if (failure instanceof InvalidConfigException e) {
            return Outcome.of(ReadyReason.InvalidConfig, "Devcaster rejected the config: " + e.getMessage());
        }
        if (failure instanceof NotFoundException e) {
            return Outcome.of(ReadyReason.UnknownTriggerType, e.getMessage());
        }
        if (failure instanceof UnauthorizedException e) {
            return Outcome.of(ReadyReason.CredentialsRejected,
                "Devcaster rejected the API key; check the Secret or DEVCASTER_API_KEY (" + e.getMessage() + ")");
        }
        if (failure instanceof RejectedException e) {
            return Outcome.of(ReadyReason.RemoteRejected, "Devcaster rejected the request: " + e.getMessage());
        }
        if (failure instanceof TransientException || failure instanceof ConflictException) {
            return Outcome.of(ReadyReason.RemoteError, "retrying after a transient error: " + failure.getMessage(),
                transientBackoff.delay(nextAttempt(trigger)));
        }
        throw failure;
    }

    /** The Trigger got through: its next failure starts the backoff from the beginning. */
    void recovered(Trigger trigger) {
        attempts.remove(trigger.getMetadata().getUid());
    }

    private int nextAttempt(Trigger trigger) {
        return attempts.merge(trigger.getMetadata().getUid(), 1, Integer::sum);
    }
}
