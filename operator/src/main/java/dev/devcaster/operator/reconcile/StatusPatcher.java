package dev.devcaster.operator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes status and the trigger-id annotation with JSON merge patches, and only when something
 * changed: a resync that finds everything in sync writes nothing. Fields that disappear are sent
 * as null so the server removes them.
 */
public final class StatusPatcher {

    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final KubernetesClient client;

    public StatusPatcher(KubernetesClient client) {
        this.client = client;
    }

    /** @return whether a write happened */
    public boolean patchStatus(Trigger trigger, TriggerStatus next) {
        ObjectNode before = JSON.valueToTree(trigger.getStatus() == null ? new TriggerStatus() : trigger.getStatus());
        ObjectNode after = JSON.valueToTree(next);
        if (before.equals(after)) {
            return false;
        }
        ObjectNode status = after.deepCopy();
        before.fieldNames().forEachRemaining(name -> {
            if (!after.has(name)) {
                status.putNull(name);
            }
        });
        ObjectNode body = JSON.createObjectNode();
        body.set("status", status);
        client.resources(Trigger.class).inNamespace(trigger.getMetadata().getNamespace())
            .withName(trigger.getMetadata().getName()).subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), body.toString());
        trigger.setStatus(next);
        return true;
    }

    /** Keeps the remote id in metadata, which survives a backup/restore that drops status. */
    public void recordTriggerIdAnnotation(Trigger trigger, String triggerId) {
        Map<String, String> annotations = trigger.getMetadata().getAnnotations();
        if (annotations != null && Objects.equals(annotations.get(TriggerAnnotations.TRIGGER_ID), triggerId)) {
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("metadata").putObject("annotations").put(TriggerAnnotations.TRIGGER_ID, triggerId);
        client.resources(Trigger.class).inNamespace(trigger.getMetadata().getNamespace())
            .withName(trigger.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), body.toString());
        trigger.getMetadata().setAnnotations(new java.util.HashMap<>(annotations == null ? Map.of() : annotations));
        trigger.getMetadata().getAnnotations().put(TriggerAnnotations.TRIGGER_ID, triggerId);
    }
}
