package dev.devcaster.stress.bench;

import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * When each Trigger of a namespace first showed {@code Ready=True/Synced} for its current
 * generation, seen through one watch (an informer): the benchmark never LISTs thousands of Triggers
 * again and again, which would load the API server it measures. Triggers are counted by group, the
 * part of the name before the first {@code -} ({@code wave-00042} is in group {@code wave}), so that
 * waiting for 10,000 of them costs no scan per event.
 */
final class ReadyWatch implements AutoCloseable {

    private final SharedIndexInformer<Trigger> informer;
    /** Trigger name → System.nanoTime() when it was first seen Ready=Synced. */
    private final Map<String, Long> readyAt = new HashMap<>();
    private final Map<String, Integer> readyByGroup = new HashMap<>();

    ReadyWatch(KubernetesClient client, String namespace) {
        this.informer = client.resources(Trigger.class).inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Trigger t) {
                seen(t);
            }

            @Override
            public void onUpdate(Trigger before, Trigger after) {
                seen(after);
            }

            @Override
            public void onDelete(Trigger t, boolean unknownFinalState) {
                // The benchmark deletes nothing.
            }
        });
    }

    private void seen(Trigger t) {
        if (!synced(t)) {
            return;
        }
        long now = System.nanoTime();
        synchronized (this) {
            if (readyAt.putIfAbsent(t.getMetadata().getName(), now) == null) {
                readyByGroup.merge(group(t.getMetadata().getName()), 1, Integer::sum);
                notifyAll();
            }
        }
    }

    static boolean synced(Trigger t) {
        if (t.getStatus() == null || t.getStatus().getConditions() == null) {
            return false;
        }
        Long generation = t.getMetadata().getGeneration();
        for (Condition c : t.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus()) && "Synced".equals(c.getReason())
                    && (generation == null || c.getObservedGeneration() == null
                    || c.getObservedGeneration() >= generation);
            }
        }
        return false;
    }

    static String group(String name) {
        int dash = name.indexOf('-');
        return dash < 0 ? name : name.substring(0, dash);
    }

    synchronized int readyCount(String group) {
        return readyByGroup.getOrDefault(group, 0);
    }

    /** nanoTime when that Trigger was first Ready, or null. */
    synchronized Long readyAt(String name) {
        return readyAt.get(name);
    }

    /** The first-Ready moments (nanoTime) of a group, sorted. */
    synchronized long[] readyTimes(String group) {
        return readyAt.entrySet().stream().filter(e -> group(e.getKey()).equals(group)).mapToLong(Map.Entry::getValue)
            .sorted().toArray();
    }

    /**
     * Waits until {@code count} Triggers of the group are Ready; prints progress every 10 s.
     *
     * @return whether they all got there in time
     */
    boolean await(String group, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (this) {
            while (true) {
                int ready = readyByGroup.getOrDefault(group, 0);
                if (ready >= count) {
                    return true;
                }
                long now = System.nanoTime();
                if (now >= deadline) {
                    return false;
                }
                if (now >= nextReport && count > 1) {
                    System.out.printf("[bench] %s: %d of %d Ready%n", group, ready, count);
                    nextReport = now + TimeUnit.SECONDS.toNanos(10);
                }
                try {
                    wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(deadline - now), 1000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
