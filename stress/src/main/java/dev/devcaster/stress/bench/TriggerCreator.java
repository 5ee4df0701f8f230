package dev.devcaster.stress.bench;

import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Creates Triggers as fast as the API server takes them: a few threads, each sending the next create
 * as soon as the last one is answered (as {@code kubectl apply} of a big folder, or a GitOps tool
 * syncing many at once). Answers the API server may give under load are retried; every attempt is
 * counted, because each one is a write the API server's metrics count.
 */
final class TriggerCreator {

    /**
     * @param startNanos System.nanoTime() when the first create was sent
     * @param seconds    first create sent → last one answered
     * @param attempts   create requests sent
     */
    record Result(int created, long startNanos, double seconds, long attempts) {

        double perSecond() {
            return created / seconds;
        }
    }

    private final KubernetesClient client;
    private final int threads;

    TriggerCreator(KubernetesClient client, int threads) {
        this.client = client;
        this.threads = threads;
    }

    Result createAll(int count, IntFunction<BenchWorkload.Item> items, String namespace) {
        AtomicLong attempts = new AtomicLong();
        long start = System.nanoTime();
        IndexedWork.run(count, threads, "bench-create", "creating Triggers",
            k -> create(items.apply(k), namespace, attempts));
        return new Result(count, start, (System.nanoTime() - start) / 1e9, attempts.get());
    }

    void create(BenchWorkload.Item item, String namespace) {
        create(item, namespace, new AtomicLong());
    }

    private void create(BenchWorkload.Item item, String namespace, AtomicLong attempts) {
        Trigger t = BenchWorkload.resource(item, namespace);
        for (int attempt = 1; ; attempt++) {
            attempts.incrementAndGet();
            try {
                client.resources(Trigger.class).inNamespace(namespace).resource(t).create();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    return; // an earlier attempt got through after all
                }
                if (attempt >= 5 || (e.getCode() != 0 && e.getCode() != 429 && e.getCode() < 500)) {
                    throw e;
                }
                try {
                    Thread.sleep(Duration.ofMillis(200L * attempt).toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", ie);
                }
            }
        }
    }
}
