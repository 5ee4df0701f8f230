package dev.devcaster.operator.reconcile;

import io.javaoperatorsdk.operator.processing.retry.Retry;
import io.javaoperatorsdk.operator.processing.retry.RetryExecution;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter for transient failures, never giving up: a Devcaster outage
 * must not leave Triggers unreconciled once it ends. Jitter spreads a crowd of failing Triggers.
 */
public final class JitteredRetry implements Retry {

    private final Duration initial;
    private final Duration max;

    public JitteredRetry(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
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

    /** Half fixed, half random, doubling per attempt up to the maximum. */
    Duration delay(int attempt) {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt - 1, 20));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
