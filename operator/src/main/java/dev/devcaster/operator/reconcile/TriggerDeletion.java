package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.credentials.RememberedCredentials;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.ownership.TriggerOwnership;
import dev.devcaster.operator.remote.RemoteTriggerSync;
import dev.devcaster.operator.status.Outcome;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.DeletionPolicy;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What deleting a Trigger does remotely: with policy Delete (the resource's, else its namespace
 * annotation's, else the operator default) its remote trigger goes, with Orphan it stays; replaced
 * instances still in the journal go either way. An instance an older Trigger manages is never
 * touched. A remote "not found" counts as deleted.
 */
final class TriggerDeletion {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerDeletion.class);

    private final RememberedCredentials credentials;
    private final TriggerOwnership ownership;
    private final RemoteTriggerSync remote;
    private final KubernetesGateway kubernetes;
    private final DeletionPolicy defaultPolicy;
    private final Failures failures;

    TriggerDeletion(RememberedCredentials credentials, TriggerOwnership ownership, RemoteTriggerSync remote,
                    KubernetesGateway kubernetes, DeletionPolicy defaultPolicy, Failures failures) {
        this.credentials = credentials;
        this.ownership = ownership;
        this.remote = remote;
        this.kubernetes = kubernetes;
        this.defaultPolicy = defaultPolicy;
        this.failures = failures;
    }

    /** @return empty when the finalizer may go; otherwise why the remote delete has to wait */
    Optional<Outcome> run(Trigger trigger) {
        if (TriggerAnnotations.paused(trigger)) {
            return Optional.of(Outcome.of(ReadyReason.Deleting, "paused: the remote trigger is kept until annotation "
                + TriggerAnnotations.PAUSED + " is removed (or set deletionPolicy: Orphan)"));
        }
        List<String> toDelete = new ArrayList<>(PendingDeletion.of(trigger));
        try {
            Optional<String> recorded = TriggerAnnotations.recordedTriggerId(trigger)
                .filter(id -> ownership.olderClaimant(trigger, id).isEmpty());
            if (policy(trigger) == DeletionPolicy.Delete) {
                recorded.ifPresent(toDelete::add);
            }
            if (!toDelete.isEmpty()) {
                DevcasterCredentials key = credentials.forDeletion(trigger);
                toDelete.forEach(id -> remote.deleteIfPresent(key, id));
            }
        } catch (TriggerProblem problem) {
            // Its own reason: missing credentials need a person (Stalled), not patience.
            return Optional.of(Outcome.of(problem.reason(), "cannot delete remote trigger(s) " + toDelete + " yet: "
                + problem.getMessage() + " (or set deletionPolicy: Orphan)"));
        } catch (RuntimeException e) {
            Outcome failure = failures.outcome(trigger, e);
            return Optional.of(new Outcome(ReadyReason.Deleting, "waiting to delete remote trigger(s) " + toDelete
                + ": " + failure.message(), failure.retryAfter(), Optional.empty(), List.of()));
        }
        LOG.info("{}/{} deleted; remote trigger(s) {}", trigger.getMetadata().getNamespace(),
            trigger.getMetadata().getName(), toDelete.isEmpty() ? "(none; orphaned or never created)" : toDelete);
        credentials.forget(trigger);
        failures.recovered(trigger);
        return Optional.empty();
    }

    private DeletionPolicy policy(Trigger trigger) {
        if (trigger.getSpec().getDeletionPolicy() != null) {
            return trigger.getSpec().getDeletionPolicy();
        }
        try {
            Optional<String> annotated = kubernetes.namespaceAnnotation(trigger.getMetadata().getNamespace(),
                TriggerAnnotations.DELETION_POLICY);
            return Arrays.stream(DeletionPolicy.values()).filter(p -> annotated.map(p.name()::equalsIgnoreCase).orElse(false))
                .findFirst().orElse(defaultPolicy);
        } catch (KubernetesClientException e) {
            // Never fall back to a destructive default: the finalizer retries the read.
            throw new TriggerProblem(ReadyReason.Deleting, "cannot read namespace "
                + trigger.getMetadata().getNamespace() + " for its deletion policy: " + e.getMessage());
        }
    }
}
