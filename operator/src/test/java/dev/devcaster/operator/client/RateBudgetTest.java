package dev.devcaster.operator.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateBudgetTest {

    private static final DevcasterCredentials A = new DevcasterCredentials(URI.create("http://d"), "dk_a");
    private static final DevcasterCredentials B = new DevcasterCredentials(URI.create("http://d"), "dk_b");

    private final ApiKeyThrottle throttle = new ApiKeyThrottle(10, Duration.ZERO);
    private final RateBudget budget = new RateBudget(throttle);

    @Test
    void aSecondsWorthOfCallersGoAtOnceThenTurnsAreSpacedAtTheRateAndKept() {
        for (int i = 0; i < 10; i++) {
            assertThat(budget.admit(A, "burst-" + i)).as("caller " + i + " of the burst").isEmpty();
        }
        List<Duration> waits = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            waits.add(budget.admit(A, "trigger-" + i).orElseThrow());
        }

        for (int i = 1; i <= 5; i++) {
            assertThat(waits.get(i - 1).toMillis()).as("turn " + i).isBetween(i * 100L - 20, i * 100L + 5);
        }
        // Asking again before the turn gives the same turn back, not a new one at the end.
        assertThat(budget.admit(A, "trigger-4").orElseThrow().toMillis()).isBetween(350L, 405L);
        assertThat(budget.admit(A, "trigger-6").orElseThrow().toMillis()).isBetween(550L, 605L);
    }

    @Test
    void callersSlowerThanTheRateNeverWait() {
        AtomicLong now = new AtomicLong(System.nanoTime());
        RateBudget paced = new RateBudget(throttle, now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(paced.admit(A, "t-" + i)).as("caller " + i).isEmpty();
            now.addAndGet(Duration.ofMillis(i % 2 == 0 ? 20 : 200).toNanos());
        }
    }

    @Test
    void theThrottleLetsABurstThroughAndRefusesTheNextCallLocally() {
        for (int i = 0; i < 10; i++) {
            throttle.acquire(A, "GET /x");
        }
        assertThatThrownBy(() -> throttle.acquire(A, "GET /x"))
            .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.local()).isTrue());
    }

    @Test
    void anotherKeyIsNotHeldBackByABusyOne() {
        for (int i = 0; i < 50; i++) {
            budget.admit(A, "a-" + i);
        }

        assertThat(budget.admit(B, "b-0")).isEmpty();
    }

    @Test
    void aPausedKeyGivesTurnsOnlyAfterThePauseAndSendsNothingMeanwhile() {
        throttle.pause(A, Optional.of(Duration.ofSeconds(20)));

        Duration wait = budget.admit(A, "t").orElseThrow();
        assertThat(wait).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(23));
        assertThatThrownBy(() -> throttle.acquire(A, "GET /x"))
            .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                assertThat(e.local()).isTrue();
                assertThat(e.retryAfter().orElseThrow()).isGreaterThan(Duration.ofSeconds(18));
            });
        assertThat(budget.admit(B, "other-key")).isEmpty();
    }

    @Test
    void aPauseHasAFloorAndACap() {
        throttle.pause(A, Optional.of(Duration.ZERO));
        assertThat(throttle.pausedFor(A).orElseThrow()).isGreaterThan(Duration.ofMillis(900));
        throttle.pause(B, Optional.of(Duration.ofDays(1)));
        assertThat(throttle.pausedFor(B).orElseThrow()).isLessThan(Duration.ofMinutes(6));
    }

    @Test
    void withoutALimitOnlyPausesMatter() {
        ApiKeyThrottle unlimited = new ApiKeyThrottle(0, Duration.ZERO);
        RateBudget open = new RateBudget(unlimited);
        for (int i = 0; i < 100; i++) {
            assertThat(open.admit(A, "t" + i)).isEmpty();
        }
        unlimited.pause(A, Optional.empty());
        assertThat(open.admit(A, "t")).isPresent();
    }
}
