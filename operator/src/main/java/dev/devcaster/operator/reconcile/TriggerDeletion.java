package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.RateBudget;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.UnauthorizedException;
import dev.devcaster.operator.credentials.CredentialsResolver;
import dev.devcaster.operator.credentials.KeyVault;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.ownership.TriggerOwnership;
import dev.devcaster.operator.remote.RemoteIdentity;
import dev.devcaster.operator.remote.RemoteTriggerSync;
import dev.devcaster.operator.status.Outcome;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.RemoteChange;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.status.TriggerReport;
import dev.devcaster.operator.trigger.DeletionPolicy;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What deleting a Trigger does remotely. With policy Delete (the resource's, else its namespace
 * annotation's, else the operator default) it deletes the remote trigger it recorded, and any
 * instance its identity annotation names that no other Trigger records (a create whose answer was
 * lost); with Orphan it leaves them. It uses the key the instance was made with, kept in the key
 * vault, so a Secret deleted first (a namespace deletion) or an operator restart does not stop it.
 * Devcaster's own "not found" counts as deleted.
 */
final class TriggerDeletion {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerDeletion.class);

    private final CredentialsResolver credentials;
    private final KeyVault vault;
    private final TriggerOwnership ownership;
    private final RemoteTriggerSync remote;
    private final KubernetesGateway kubernetes;
    private final TriggerReport report;
    private final DeletionPolicy defaultPolicy;
    private final RateBudget budget;
    private final Failures failures;

    TriggerDeletion(CredentialsResolver credentials, KeyVault vault, TriggerOwnership ownership,
                    RemoteTriggerSync remote, KubernetesGateway kubernetes, TriggerReport report,
                    DeletionPolicy defaultPolicy, RateBudget budget, Failures failures) {
        this.credentials = credentials;
        this.vault = vault;
        this.ownership = ownership;
        this.remote = remote;
        this.kubernetes = kubernetes;
        this.report = report;
        this.defaultPolicy = defaultPolicy;
        this.budget = budget;
        this.failures = failures;
    }

    /** @return empty when the finalizer may go; otherwise why the remote delete has to wait */
    Optional<Outcome> run(Trigger trigger) {
        if (TriggerAnnotations.paused(trigger)) {
            return Optional.of(Outcome.of(ReadyReason.Deleting, "paused: the remote trigger is kept until annotation "
                + TriggerAnnotations.PAUSED + " is removed (or set deletionPolicy: Orphan)"));
        }
        Set<String> deleted = new LinkedHashSet<>();
        try {
            if (policy(trigger) == DeletionPolicy.Orphan) {
                LOG.info("{}/{} deleted; remote trigger {} left in Devcaster (deletionPolicy Orphan)",
                    trigger.getMetadata().getNamespace(), trigger.getMetadata().getName(),
                    trigger.recordedTriggerId().orElse("(none)"));
                return Optional.empty();
            }
            Optional<String> recorded = trigger.recordedTriggerId()
                .filter(id -> ownership.keeperOtherThan(trigger, id).isEmpty());
            Optional<String> declared = TriggerAnnotations.remoteIdentity(trigger);
            Optional<RemoteIdentity> claimed = declared.flatMap(RemoteIdentity::claimed);
            if (recorded.isEmpty() && claimed.isEmpty()) {
                return Optional.empty();
            }
            Optional<Duration> turn = budget.admit(keyOf(trigger, recorded.isPresent()
                ? trigger.getStatus().getProject() : claimed.get().project()), trigger.getMetadata().getUid());
            if (turn.isPresent()) {
                return Optional.of(Outcome.deferred(turn.get()));
            }
            if (recorded.isPresent()) {
                DevcasterCredentials key = keyOf(trigger, trigger.getStatus().getProject());
                remote.deleteIfPresent(key, recorded.get());
                deleted.add(recorded.get());
            }
            // Only an identity this operator signed with that project's key: a forged one searches nothing.
            Optional<DevcasterCredentials> claimedKey = claimed.map(c -> keyOf(trigger, c.project()));
            Optional<RemoteIdentity> identity = claimedKey.flatMap(k -> RemoteIdentity.signed(declared.get(), k,
                trigger.getMetadata().getUid()));
            if (identity.isPresent()) {
                DevcasterCredentials key = claimedKey.get();
                for (TriggerInstance instance : remote.findAll(key, identity.get())) {
                    if (!deleted.contains(instance.id()) && ownership.keeperOtherThan(trigger, instance.id()).isEmpty()) {
                        remote.deleteIfPresent(key, instance.id());
                        deleted.add(instance.id());
                    }
                }
            }
        } catch (TriggerProblem problem) {
            // Its own reason: missing credentials need a person (Stalled), not patience.
            return Optional.of(Outcome.of(problem.reason(), "cannot delete the remote trigger yet: "
                + problem.getMessage() + " (or set deletionPolicy: Orphan)"));
        } catch (UnauthorizedException e) {
            return Optional.of(Outcome.of(ReadyReason.CredentialsRejected, "cannot delete the remote trigger: Devcaster "
                + "rejects the API key it was made with (" + e.summary() + "); restore a valid key for that project, "
                + "or set deletionPolicy: Orphan"));
        } catch (RuntimeException e) {
            Outcome failure = failures.outcome(trigger, e);
            return Optional.of(Outcome.of(ReadyReason.Deleting, "waiting to delete the remote trigger: "
                + failure.message(), failure.retryAfter().orElse(null)));
        } finally {
            deleted.forEach(id -> report.change(trigger, RemoteChange.change("Deleted", "deleted remote trigger " + id)));
        }
        failures.recovered(trigger);
        return Optional.empty();
    }

    /** The key of the project the instance lives in: the Trigger's own when it still is, else the kept one. */
    private DevcasterCredentials keyOf(Trigger trigger, String project) {
        try {
            DevcasterCredentials current = credentials.resolve(trigger);
            if (project == null || project.equals(current.fingerprint())) {
                return current;
            }
        } catch (TriggerProblem missing) {
            if (project == null) {
                throw missing;
            }
        }
        return vault.byFingerprint(project).orElseThrow(() -> new TriggerProblem(ReadyReason.CredentialsNotFound,
            "the API key of project " + project + " (where the remote trigger lives) is neither in the Trigger's "
            + "Secret nor kept by the operator"));
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
