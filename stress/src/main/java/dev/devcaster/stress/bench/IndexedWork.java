package dev.devcaster.stress.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Work on items 0..count-1 by a few threads, each taking the next index as soon as it is done with
 * the last, as a client that keeps a fixed number of requests in flight does.
 */
final class IndexedWork {

    private IndexedWork() {
    }

    /** Runs {@code work} for every index; the first failure ends the run and is thrown with {@code what}. */
    static void run(int count, int threads, String threadName, String what, IntConsumer work) {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            done.add(pool.submit(() -> {
                for (int k = next.getAndIncrement(); k < count; k = next.getAndIncrement()) {
                    work.accept(k);
                }
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
