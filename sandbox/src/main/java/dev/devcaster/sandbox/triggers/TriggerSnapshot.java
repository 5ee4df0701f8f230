package dev.devcaster.sandbox.triggers;

import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerSpec;
import dev.devcaster.operator.trigger.TriggerStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the sandbox shows and checks of one Trigger.
 *
 * @param settled the operator has reported on the current generation and is not working on it
 *                (a Ready condition for this generation, no Reconciling=True, not being deleted)
 */
record TriggerSnapshot(String name, String slug, String user, String triggerId, String state, String ready,
                       String reason, String message, boolean enabledInSpec, boolean stalled, boolean settled) {

    /** The Triggers of a namespace, by name. */
    static List<TriggerSnapshot> list(KubernetesClient client, String namespace) {
        return client.resources(Trigger.class).inNamespace(namespace).list().getItems().stream()
            .map(TriggerSnapshot::of)
            .sorted(Comparator.comparing(TriggerSnapshot::name))
            .toList();
    }

    static TriggerSnapshot of(Trigger trigger) {
        TriggerSpec spec = trigger.getSpec();
        TriggerStatus status = trigger.getStatus();
        List<Condition> conditions = status == null ? List.of() : Objects.requireNonNullElse(status.getConditions(), List.of());
        Optional<Condition> ready = find(conditions, "Ready");
        long generation = Objects.requireNonNullElse(trigger.getMetadata().getGeneration(), 0L);
        boolean reconciling = find(conditions, "Reconciling").filter(c -> "True".equals(c.getStatus())).isPresent();
        boolean stalled = find(conditions, "Stalled").filter(c -> "True".equals(c.getStatus())).isPresent();
        boolean current = ready.map(c -> c.getObservedGeneration() == null || c.getObservedGeneration() == generation)
            .orElse(false)
            && status.getObservedGeneration() != null && status.getObservedGeneration() == generation;
        boolean settled = current && !reconciling && trigger.getMetadata().getDeletionTimestamp() == null;
        return new TriggerSnapshot(trigger.getMetadata().getName(),
            spec == null ? null : spec.getSlug(),
            spec == null ? null : spec.getUserId(),
            status == null ? null : status.getTriggerId(),
            status == null || status.getState() == null ? null : status.getState().name(),
            ready.map(Condition::getStatus).orElse(null),
            ready.map(Condition::getReason).orElse(null),
            ready.map(Condition::getMessage).orElse(null),
            spec == null || spec.getEnabled() == null || spec.getEnabled(),
            stalled, settled);
    }

    boolean isReady() {
        return "True".equals(ready);
    }

    private static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
