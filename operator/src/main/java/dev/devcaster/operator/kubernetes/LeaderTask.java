package dev.devcaster.operator.kubernetes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Work the leader does on its own schedule besides the reconciles (the drift sweep, the check of
 * credentials Secrets): one daemon thread, a fixed delay between runs, nothing while another replica
 * leads, and a failed run logged and retried at the next one instead of ending the schedule.
 */
public final class LeaderTask implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderTask.class);

    private final String name;
    private final Leadership leadership;
    private final Runnable task;
    private final ScheduledExecutorService thread;

    public LeaderTask(String name, Leadership leadership, Runnable task) {
        this.name = name;
        this.leadership = leadership;
        this.task = task;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public void start(Duration first, Duration every) {
        thread.scheduleWithFixedDelay(this::runSafely, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            if (leadership.mayWrite()) {
                task.run();
            }
        } catch (RuntimeException e) {
            // An outage of the API server would repeat the same trace every run: the trace only at debug.
            LOG.warn("{} failed, tried again at its next run: {}", name, e.toString());
            LOG.debug("{} failed", name, e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
