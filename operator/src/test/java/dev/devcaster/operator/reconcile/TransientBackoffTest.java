package dev.devcaster.operator.reconcile;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TransientBackoffTest {

    private final TransientBackoff retry = new TransientBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void delayDoublesPerAttemptWithinHalfToFullCeiling() {
        for (int attempt = 1; attempt <= 6; attempt++) {
            long ceiling = 1000L << (attempt - 1);
            for (int sample = 0; sample < 50; sample++) {
                assertThat(retry.delay(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void delayIsCappedAndSpread() {
        var delays = new java.util.HashSet<Long>();
        for (int sample = 0; sample < 50; sample++) {
            long millis = retry.delay(30).toMillis();
            assertThat(millis).isBetween(30_000L, 60_000L);
            delays.add(millis);
        }
        assertThat(delays).hasSizeGreaterThan(10);
    }

    @Test
    void neverGivesUp() {
        var execution = retry.initExecution();
        for (int i = 0; i < 100; i++) {
            assertThat(execution.nextDelay()).isPresent();
        }
        assertThat(execution.isLastAttempt()).isFalse();
        assertThat(execution.getAttemptCount()).isEqualTo(100);
    }
}
