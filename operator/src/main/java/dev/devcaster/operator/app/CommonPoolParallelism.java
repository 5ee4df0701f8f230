package dev.devcaster.operator.app;

import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * Keeps {@code CompletableFuture}'s default executor a pool of threads on one or two CPUs. The JDK
 * makes it a new thread per task when the common pool's parallelism is below 2, which it is for
 * fewer than three CPUs (the chart limits the pod to one), and the JDK HTTP client completes every
 * {@code sendAsync} response on that executor. Fabric8's client to the API server sends everything
 * that way, so the operator started a thread for every answer of the API server: five per new
 * Trigger, 15,000 in a wave of 3,000. A parallelism of two makes it the common pool, whose threads
 * are kept, as it is on three CPUs and more. JDK 25 uses the common pool at any parallelism, so
 * this can go when the image moves to it.
 */
public final class CommonPoolParallelism {

    static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPoolParallelism() {
    }

    /**
     * Before anything uses {@code CompletableFuture} or the common pool, which read the setting once:
     * the first thing {@code main} does. A value the JVM was started with is kept.
     */
    public static void atLeastTwo() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
        }
    }

    /**
     * What to warn about when answers still start a thread each: the parallelism was set to 1, or
     * the pool was created before {@code main} (an agent in {@code JAVA_TOOL_OPTIONS} can do that).
     */
    public static Optional<String> threadPerTask() {
        int parallelism = ForkJoinPool.getCommonPoolParallelism();
        if (parallelism >= 2 || Runtime.version().feature() >= 25) {
            return Optional.empty();
        }
        return Optional.of("the JVM's common pool has a parallelism of " + parallelism + " (" + PROPERTY
            + ", or the pool was created before main): every answer of the API server starts a thread");
    }
}
