package dev.devcaster.stress.process;

import java.time.Duration;

/**
 * A sleep in a stress program (a poll interval, an observation window). An interrupt means the
 * program is being stopped: it ends the sleep as an unchecked exception, the interrupt flag kept.
 */
public final class Sleeps {

    private Sleeps() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static void of(Duration duration) {
        millis(duration.toMillis());
    }
}
