package dev.devcaster.operator.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerStatus;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Writes the status only when something changed: a resync that finds everything in sync writes
 * nothing. The write is a JSON merge patch of the fields that differ (fields that disappear are
 * sent as null), on the resourceVersion the status was built from.
 */
final class StatusPatcher {

    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final KubernetesGateway kubernetes;

    StatusPatcher(KubernetesGateway kubernetes) {
        this.kubernetes = kubernetes;
    }

    /** @return whether a write happened */
    boolean write(Trigger trigger, TriggerStatus next) {
        ObjectNode before = JSON.valueToTree(trigger.getStatus() == null ? new TriggerStatus() : trigger.getStatus());
        ObjectNode after = JSON.valueToTree(next);
        if (before.equals(after)) {
            return false;
        }
        ObjectNode patch = JSON.createObjectNode();
        after.fieldNames().forEachRemaining(name -> {
            if (!after.get(name).equals(before.get(name))) {
                patch.set(name, after.get(name));
            }
        });
        before.fieldNames().forEachRemaining(name -> {
            if (!after.has(name)) {
                patch.putNull(name);
            }
        });
        kubernetes.patchStatus(trigger, patch);
        return true;
    }
}
