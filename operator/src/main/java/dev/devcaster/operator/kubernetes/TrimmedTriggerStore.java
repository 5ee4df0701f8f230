package dev.devcaster.operator.kubernetes;

import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

import java.util.stream.Stream;

/**
 * The informer's store of Triggers, without what the operator never reads: managed fields (large
 * under server-side apply and GitOps) and kubectl's last-applied copy of the whole object. Memory
 * then grows with what the operator needs per Trigger only. One instance serves one informer: a
 * relist removes every key of the store that the informer's own list lacks. The operator's own
 * client already reads Triggers without managed fields ({@link ClusterSerialization}); the store
 * keeps memory bounded for a client that does not (tests, the sandbox).
 */
public final class TrimmedTriggerStore implements ItemStore<Trigger> {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final BasicItemStore<Trigger> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

    @Override
    public String getKey(Trigger trigger) {
        return store.getKey(trigger);
    }

    @Override
    public Trigger put(String key, Trigger trigger) {
        trigger.getMetadata().setManagedFields(null);
        if (trigger.getMetadata().getAnnotations() != null) {
            trigger.getMetadata().getAnnotations().remove(LAST_APPLIED);
        }
        return store.put(key, trigger);
    }

    @Override
    public Trigger remove(String key) {
        return store.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return store.keySet();
    }

    @Override
    public Stream<Trigger> values() {
        return store.values();
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public Trigger get(String key) {
        return store.get(key);
    }
}
