package dev.devcaster.sandbox.lifecycle;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Raised once, when the sandbox starts to stop (Ctrl-C, SIGTERM, exit). Whatever waits while
 * starting waits through it, so a stop never waits for a table to settle or a server to get ready.
 */
public final class StopSignal {

    private final CountDownLatch raised = new CountDownLatch(1);

    public boolean stopping() {
        return raised.getCount() == 0;
    }

    void raise() {
        raised.countDown();
    }

    /** @throws Stopped when the sandbox is stopping */
    public void checkNotStopping() {
        if (stopping()) {
            throw new Stopped();
        }
    }

    /** Waits, but not past the signal. @throws Stopped when the sandbox is stopping */
    public void sleep(long millis) {
        try {
            if (raised.await(millis, TimeUnit.MILLISECONDS)) {
                throw new Stopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    /** Blocks until the sandbox stops. */
    public void await() {
        try {
            raised.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
