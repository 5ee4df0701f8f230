package dev.devcaster.stress.chaos;

import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One look at both sides: the Triggers, namespaces and Events in the cluster, the instances and accounts in Devcaster. */
record Observation(Instant at, Map<String, Trigger> triggers, Map<String, Namespace> namespaces,
                   Map<TriggerModel.Key, List<TriggerInstance>> instances,
                   Map<TriggerModel.Key, List<ConnectedAccount>> accounts, List<Event> events) {

    static Observation take(KubernetesClient client, ChaosWorld world, boolean withEvents) {
        Map<String, Trigger> triggers = new TreeMap<>();
        for (Trigger t : client.resources(Trigger.class).inAnyNamespace().list().getItems()) {
            triggers.put(t.getMetadata().getNamespace() + "/" + t.getMetadata().getName(), t);
        }
        Map<String, Namespace> namespaces = new TreeMap<>();
        for (String ns : world.namespaces) {
            Namespace n = client.namespaces().withName(ns).get();
            if (n != null) {
                namespaces.put(ns, n);
            }
        }
        Map<TriggerModel.Key, List<TriggerInstance>> instances = new EnumMap<>(TriggerModel.Key.class);
        Map<TriggerModel.Key, List<ConnectedAccount>> accounts = new EnumMap<>(TriggerModel.Key.class);
        for (TriggerModel.Key key : TriggerModel.Key.values()) {
            instances.put(key, world.project(key).triggers());
            accounts.put(key, world.project(key).connectedAccounts());
        }
        List<Event> events = withEvents ? client.v1().events().inAnyNamespace().list().getItems() : List.of();
        return new Observation(Instant.now(), triggers, namespaces, instances, accounts, events);
    }
}
