package dev.devcaster.operator.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.operator.trigger.TriggerStatus;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes status and the trigger-id annotation, and only when something changed: a resync that
 * finds everything in sync writes nothing. Status goes as a JSON merge patch of the fields that
 * differ; fields that disappear are sent as null so the server removes them.
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
        ObjectNode patch = after.deepCopy();
        before.fieldNames().forEachRemaining(name -> {
            if (!after.has(name)) {
                patch.putNull(name);
            }
        });
        kubernetes.patchStatus(trigger, patch);
        trigger.setStatus(next);
        return true;
    }

    /** Keeps the remote id in metadata, which survives a backup/restore that drops status. */
    void recordTriggerId(Trigger trigger, String triggerId) {
        Map<String, String> annotations = trigger.getMetadata().getAnnotations();
        if (annotations != null && Objects.equals(annotations.get(TriggerAnnotations.TRIGGER_ID), triggerId)) {
            return;
        }
        kubernetes.annotate(trigger, Map.of(TriggerAnnotations.TRIGGER_ID, triggerId));
        Map<String, String> updated = new HashMap<>(annotations == null ? Map.of() : annotations);
        updated.put(TriggerAnnotations.TRIGGER_ID, triggerId);
        trigger.getMetadata().setAnnotations(updated);
    }
}
