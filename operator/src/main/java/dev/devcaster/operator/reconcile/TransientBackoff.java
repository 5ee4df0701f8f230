package dev.devcaster.operator.reconcile;

import io.javaoperatorsdk.operator.processing.retry.Retry;
import io.javaoperatorsdk.operator.processing.retry.RetryExecution;

import java.time.Duration;
import java.util.Optional;

/**
 * Exponential backoff with jitter, never giving up: a Devcaster outage must not leave Triggers
 * unreconciled once it ends, and jitter spreads a crowd of failing Triggers. Also the framework's
 * retry for anything unexpected.
 */
public final class TransientBackoff implements Retry {

    private final Duration initial;
    private final Duration max;

    public TransientBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The delay before attempt {@code attempt + 1}: doubling per attempt up to the maximum. */
    Duration delay(int attempt) {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(Math.max(attempt, 1) - 1, 20));
        return Jitter.upTo(Duration.ofMillis(ceiling));
    }

    @Override
    public RetryExecution initExecution() {
        return new RetryExecution() {
            private int attempts;

            @Override
            public Optional<Long> nextDelay() {
                attempts++;
                return Optional.of(delay(attempts).toMillis());
            }

            @Override
            public boolean isLastAttempt() {
                return false;
            }

            @Override
            public int getAttemptCount() {
                return attempts;
            }
        };
    }
}
