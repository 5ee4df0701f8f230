package dev.devcaster.plugin.cluster;

import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which remote trigger instances Triggers in the cluster stand for: the one a Trigger records in
 * {@code status.triggerId} (it manages it), else the one its {@code devcaster.dev/trigger-id}
 * annotation names (it is about to adopt it).
 */
public final class ManagedTriggers {

    /** @param recorded the Trigger records the instance; false: only its annotation names it */
    public record Manager(String namespace, String name, boolean recorded) {

        public String describe() {
            return recorded ? "managed by Trigger " + namespace + "/" + name
                : "named by the " + TriggerAnnotations.TRIGGER_ID + " annotation of Trigger " + namespace + "/" + name
                    + " (not adopted yet)";
        }
    }

    private final Map<String, Manager> byTriggerId;

    private ManagedTriggers(Map<String, Manager> byTriggerId) {
        this.byTriggerId = byTriggerId;
    }

    public static ManagedTriggers none() {
        return new ManagedTriggers(Map.of());
    }

    public static ManagedTriggers of(List<Trigger> triggers) {
        Map<String, Manager> index = new HashMap<>();
        List<Trigger> ordered = triggers.stream().sorted(Comparator
            .comparing((Trigger t) -> t.getMetadata().getNamespace(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(t -> t.getMetadata().getName())).toList();
        for (Trigger t : ordered) {
            t.recordedTriggerId().ifPresent(id -> index.put(id, manager(t, true)));
        }
        for (Trigger t : ordered) {
            TriggerAnnotations.triggerIdHint(t).ifPresent(id -> index.putIfAbsent(id, manager(t, false)));
        }
        return new ManagedTriggers(Map.copyOf(index));
    }

    public Optional<Manager> manager(String triggerId) {
        return Optional.ofNullable(byTriggerId.get(triggerId));
    }

    public int size() {
        return byTriggerId.size();
    }

    private static Manager manager(Trigger t, boolean recorded) {
        return new Manager(t.getMetadata().getNamespace(), t.getMetadata().getName(), recorded);
    }
}
