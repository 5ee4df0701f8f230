package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.UnauthorizedException;
import dev.devcaster.operator.credentials.KeyVault;
import dev.devcaster.operator.remote.RemoteTriggerSync;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.RemoteChange;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;

import java.util.List;
import java.util.Optional;

/**
 * The Trigger's key now belongs to another project than the one its remote trigger lives in (the
 * Secret got another project's key, or credentialsSecretRef points elsewhere). A rotated key of the
 * same project still sees the instance, and nothing changes. Otherwise the instance is deleted with
 * the previous key, before anything is created with the new one; when that key is not available or
 * rejected, nothing happens until a person decides: an instance is never leaked silently, and
 * "not found" from another project never counts as "deleted".
 */
final class ProjectSwitch {

    /** What this Trigger still owns in the new key's project, and what the switch did. */
    record Settled(Optional<String> recorded, List<RemoteChange> changes) {
    }

    private final KeyVault vault;
    private final RemoteTriggerSync remote;

    ProjectSwitch(KeyVault vault, RemoteTriggerSync remote) {
        this.vault = vault;
        this.remote = remote;
    }

    Settled settle(Trigger trigger, DevcasterCredentials key) {
        Optional<String> recorded = trigger.recordedTriggerId();
        String project = trigger.getStatus() == null ? null : trigger.getStatus().getProject();
        if (recorded.isEmpty() || project == null || project.equals(key.fingerprint())
            || remote.find(key, recorded.get()).isPresent()) {
            return new Settled(recorded, List.of());
        }
        String id = recorded.get();
        String where = "remote trigger " + id + " lives in the project of the previous API key (fingerprint "
            + project + ")";
        DevcasterCredentials previous = vault.byFingerprint(project).orElseThrow(() -> new TriggerProblem(
            ReadyReason.CredentialsNotFound, where + ", which this operator does not have; it can neither delete it "
            + "nor confirm it is gone, so nothing is created with the new key: put the previous key back in the "
            + "Secret, or delete this Trigger with deletionPolicy: Orphan"));
        try {
            if (remote.find(previous, id).isEmpty()) {
                return new Settled(Optional.empty(), List.of());
            }
            remote.deleteIfPresent(previous, id);
        } catch (UnauthorizedException e) {
            throw new TriggerProblem(ReadyReason.CredentialsRejected, where + ", and Devcaster rejects that key now ("
                + e.summary() + "); the instance can neither be deleted nor confirmed gone, so nothing is created with "
                + "the new key: restore the previous key, or delete this Trigger with deletionPolicy: Orphan");
        }
        return new Settled(Optional.empty(), List.of(RemoteChange.change("Deleted", "deleted remote trigger " + id
            + " from the previous project (key fingerprint " + project + "): the Trigger now uses another project")));
    }
}
