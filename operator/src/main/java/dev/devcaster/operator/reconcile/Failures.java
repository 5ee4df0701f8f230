package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.client.ConflictException;
import dev.devcaster.operator.client.DevcasterException;
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

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where a failure becomes a Ready reason, a message for people and a time to try
 * again. Transient failures back off exponentially per Trigger; anything this class does not know
 * is a bug and goes to the framework's retry (with its stack trace) instead of a status. Messages
 * carry what the server said and where, never its request id (which would rewrite the status on
 * every attempt).
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
        if (failure instanceof RateLimitedException e && e.local()) {
            // This operator's own limit for the key, or its pause after a 429: not the Trigger's news.
            return Outcome.deferred(e.retryAfter().orElseGet(() -> rateLimitBackoff.delay(nextAttempt(trigger))));
        }
        if (failure instanceof RateLimitedException e) {
            String when = e.retryAfter().map(d -> "retrying in " + d.toSeconds() + "s as Devcaster asked")
                .orElse("retrying after a backoff (no Retry-After)");
            return Outcome.of(ReadyReason.RateLimited, "Devcaster rate limit reached; " + when + " (" + e.summary()
                + ")", e.retryAfter().orElseGet(() -> rateLimitBackoff.delay(nextAttempt(trigger))));
        }
        if (failure instanceof InvalidConfigException e) {
            return Outcome.of(ReadyReason.InvalidConfig, "Devcaster rejected the config: " + e.summary());
        }
        if (failure instanceof NotFoundException e) {
            return Outcome.of(ReadyReason.UnknownTriggerType, e.summary());
        }
        if (failure instanceof UnauthorizedException e) {
            return Outcome.of(ReadyReason.CredentialsRejected,
                "Devcaster rejected the API key; check the Secret or DEVCASTER_API_KEY (" + e.summary() + ")");
        }
        if (failure instanceof RejectedException e) {
            return Outcome.of(ReadyReason.RemoteRejected, "Devcaster rejected the request: " + e.summary());
        }
        if (failure instanceof TransientException || failure instanceof ConflictException) {
            String what = ((DevcasterException) failure).summary();
            return Outcome.of(ReadyReason.RemoteError, "retrying after a transient error: " + what,
                transientBackoff.delay(nextAttempt(trigger)));
        }
        if (failure instanceof KubernetesClientException e && e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
            return Outcome.of(ReadyReason.RemoteError, "retrying after the Kubernetes API failed a request: HTTP "
                + e.getCode() + Optional.ofNullable(e.getStatus()).map(Status::getMessage).map(m -> ": " + m).orElse(""),
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
