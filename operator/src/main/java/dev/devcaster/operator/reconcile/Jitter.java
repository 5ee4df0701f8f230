package dev.devcaster.operator.reconcile;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Random spread for delays, so a crowd of Triggers never moves in step. */
final class Jitter {

    private Jitter() {
    }

    /** The period, ±10%: resyncs of Triggers created together drift apart. */
    static Duration around(Duration period) {
        long millis = period.toMillis();
        return Duration.ofMillis(millis - millis / 10 + ThreadLocalRandom.current().nextLong(millis / 5 + 1));
    }

    /** Half fixed, half random below the ceiling: a backoff step. */
    static Duration upTo(Duration ceiling) {
        long half = ceiling.toMillis() / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
