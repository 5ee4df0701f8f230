package dev.devcaster.stress.chaos;

import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches every Trigger update during the run and records each status write that went backwards:
 * an {@code observedGeneration} lower than one already written (an older view overwrote a newer
 * one, e.g. from a replica that lost the Lease), and when each Trigger first held each remote
 * trigger (Synced on it), which decides which of two twins keeps it.
 */
final class StatusWatch implements AutoCloseable {

    private final SharedIndexInformer<Trigger> informer;
    private final Map<String, Long> highest = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSynced = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> holders = new ConcurrentHashMap<>();
    private final List<String> regressions = new ArrayList<>();
    private final List<String> specless = new ArrayList<>();
    private final Instant windowStart;
    private long updates;

    StatusWatch(KubernetesClient client, Instant windowStart) {
        this.windowStart = windowStart;
        this.informer = client.resources(Trigger.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
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
                highest.remove(t.getMetadata().getUid());
            }
        });
    }

    private synchronized void seen(Trigger t) {
        updates++;
        if (t.getSpec() == null && specless.size() < 50) {
            // Nobody here writes a Trigger without spec: something created or stripped one.
            specless.add(String.format("+%.1fs %s/%s (uid %s, resourceVersion %s, finalizers %s, managers %s)",
                Duration.between(windowStart, Instant.now()).toMillis() / 1000.0, t.getMetadata().getNamespace(),
                t.getMetadata().getName(), t.getMetadata().getUid(), t.getMetadata().getResourceVersion(),
                t.getMetadata().getFinalizers(), t.getMetadata().getManagedFields() == null ? "-"
                    : t.getMetadata().getManagedFields().stream().map(f -> f.getManager() + ":" + f.getOperation()).toList()));
        }
        if (t.getStatus() == null || t.getStatus().getObservedGeneration() == null) {
            return;
        }
        if (t.getStatus().getTriggerId() != null
            && Invariants.ready(t).map(c -> "Synced".equals(c.getReason())).orElse(false)) {
            firstSynced.putIfAbsent(t.getMetadata().getUid() + "|" + t.getStatus().getTriggerId(), Instant.now());
            holders.computeIfAbsent(t.getStatus().getTriggerId(), id -> ConcurrentHashMap.newKeySet())
                .add(t.getMetadata().getNamespace() + "/" + t.getMetadata().getName());
        }
        long generation = t.getStatus().getObservedGeneration();
        Long before = highest.get(t.getMetadata().getUid());
        if (before != null && generation < before) {
            regressions.add(String.format("+%.1fs %s/%s: status.observedGeneration went from %d back to %d (Ready %s, "
                    + "triggerId %s, resourceVersion %s)", Duration.between(windowStart, Instant.now()).toMillis() / 1000.0,
                t.getMetadata().getNamespace(), t.getMetadata().getName(), before, generation,
                Invariants.ready(t).map(c -> c.getReason()).orElse("-"), Objects.toString(t.getStatus().getTriggerId(), "-"),
                t.getMetadata().getResourceVersion()));
        } else {
            highest.put(t.getMetadata().getUid(), generation);
        }
    }

    /** When this Trigger was first seen Synced on this remote trigger, if ever. */
    Optional<Instant> firstSynced(Trigger t, String triggerId) {
        return Optional.ofNullable(firstSynced.get(t.getMetadata().getUid() + "|" + triggerId));
    }

    /** The Triggers (namespace/name) seen Synced on this remote trigger at some point. */
    Set<String> holdersOf(String triggerId) {
        return holders.getOrDefault(triggerId, Set.of());
    }

    synchronized List<String> regressions() {
        return List.copyOf(regressions);
    }

    /** Triggers the API server held without a spec at some point (the harness never writes one). */
    synchronized List<String> specless() {
        return List.copyOf(specless);
    }

    synchronized long updates() {
        return updates;
    }

    @Override
    public void close() {
        informer.close();
    }
}
