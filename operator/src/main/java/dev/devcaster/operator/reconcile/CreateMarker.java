package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.credentials.KeyVault;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.remote.RemoteIdentity;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a create durable before it happens: the key is kept in the vault, and the finalizer and
 * the identity of what is about to be created go onto the Trigger in one write. Nothing is
 * written when both are there already.
 */
final class CreateMarker {

    private final KeyVault vault;
    private final KubernetesGateway kubernetes;

    CreateMarker(KeyVault vault, KubernetesGateway kubernetes) {
        this.vault = vault;
        this.kubernetes = kubernetes;
    }

    void declare(Trigger trigger, DevcasterCredentials key, RemoteIdentity identity) {
        vault.keep(key);
        boolean finalized = trigger.hasFinalizer(TriggerAnnotations.FINALIZER);
        String declared = identity.format(key, trigger.getMetadata().getUid());
        boolean marked = Objects.equals(TriggerAnnotations.remoteIdentity(trigger).orElse(null), declared);
        if (finalized && marked) {
            return;
        }
        List<String> finalizers = new ArrayList<>(trigger.getMetadata().getFinalizers());
        if (!finalized) {
            finalizers.add(TriggerAnnotations.FINALIZER);
        }
        kubernetes.patchMetadata(trigger, finalizers, Map.of(TriggerAnnotations.REMOTE_IDENTITY, declared));
    }

    /** Nothing is in doubt any more: the declaration goes (the finalizer stays). */
    void forget(Trigger trigger) {
        Map<String, String> removed = new HashMap<>();
        removed.put(TriggerAnnotations.REMOTE_IDENTITY, null);
        kubernetes.patchMetadata(trigger, trigger.getMetadata().getFinalizers(), removed);
    }

    /** The Trigger has been dealt with: let it go. */
    void release(Trigger trigger) {
        if (!trigger.hasFinalizer(TriggerAnnotations.FINALIZER)) {
            return;
        }
        List<String> finalizers = new ArrayList<>(trigger.getMetadata().getFinalizers());
        finalizers.remove(TriggerAnnotations.FINALIZER);
        kubernetes.patchMetadata(trigger, finalizers, Map.of());
    }
}
