package dev.devcaster.operator.testing;

import dev.devcaster.operator.status.TriggerConditions;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/** Waits on a Trigger's Ready condition, the way `kubectl wait --for=condition=Ready` would. */
public final class TriggerAwait {

    private final KubernetesClient client;
    private final String namespace;

    public TriggerAwait(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200));
    }

    public Trigger get(String name) {
        return client.resources(Trigger.class).inNamespace(namespace).withName(name).get();
    }

    /** Waits until Ready has this reason for the current generation; returns the Trigger as it was then. */
    public Trigger reason(String name, String reason) {
        AtomicReference<Trigger> seen = new AtomicReference<>();
        eventually().alias(name + " Ready reason " + reason).until(() -> {
            Trigger t = get(name);
            seen.set(t);
            return t != null && ready(t).filter(c -> reason.equals(c.getReason())
                && c.getObservedGeneration() != null
                && c.getObservedGeneration().equals(t.getMetadata().getGeneration())).isPresent();
        });
        return seen.get();
    }

    public Trigger ready(String name) {
        return reason(name, "Synced");
    }

    public static Optional<Condition> ready(Trigger trigger) {
        return trigger.getStatus() == null ? Optional.empty()
            : TriggerConditions.find(trigger.getStatus().getConditions(), TriggerConditions.READY);
    }

    public static Optional<Condition> condition(Trigger trigger, String type) {
        return trigger.getStatus() == null ? Optional.empty()
            : TriggerConditions.find(trigger.getStatus().getConditions(), type);
    }
}
