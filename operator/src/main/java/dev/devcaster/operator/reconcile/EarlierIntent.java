package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.UnauthorizedException;
import dev.devcaster.operator.credentials.KeyVault;
import dev.devcaster.operator.ownership.TriggerOwnership;
import dev.devcaster.operator.remote.RemoteIdentity;
import dev.devcaster.operator.remote.RemoteTriggerSync;
import dev.devcaster.operator.status.RemoteChange;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.operator.triggertype.ValidatedConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A create this Trigger declared for an earlier spec (or key) and never recorded: the reconcile
 * that made it read a version of the Trigger that had already changed, so its status write was
 * refused, or the process died right after the call. Declaring the next create overwrites that
 * declaration, so first the instances of the earlier identity that no Trigger records are deleted
 * (a spec change in the middle of a create never leaks one), then the current identity is declared.
 * Costs one read and one write, only when the declared identity changes.
 */
final class EarlierIntent {

    private final KeyVault vault;
    private final TriggerOwnership ownership;
    private final RemoteTriggerSync remote;
    private final CreateMarker marker;

    EarlierIntent(KeyVault vault, TriggerOwnership ownership, RemoteTriggerSync remote, CreateMarker marker) {
        this.vault = vault;
        this.ownership = ownership;
        this.remote = remote;
        this.marker = marker;
    }

    /**
     * Before the account is resolved: a declaration for another project, slug or config is stale
     * whatever account the spec ends on, so its unrecorded instances go now, also when this reconcile
     * gets no further (no usable account yet). The declaration goes with them.
     */
    List<RemoteChange> settleStale(Trigger trigger, DevcasterCredentials key, ValidatedConfig validated) {
        Optional<String> declared = TriggerAnnotations.remoteIdentity(trigger);
        Optional<RemoteIdentity> claimed = declared.flatMap(RemoteIdentity::claimed);
        if (claimed.isEmpty() || claimed.get().sameApartFromAccount(key.fingerprint(), validated.slug(), validated.config())) {
            return List.of();
        }
        List<RemoteChange> changes = deleteUnrecorded(trigger, key, declared.get(), claimed.get());
        marker.forget(trigger);
        return changes;
    }

    /** Once the account is known: the current identity is declared, after what an earlier one left is gone. */
    List<RemoteChange> settle(Trigger trigger, DevcasterCredentials key, RemoteIdentity next) {
        Optional<String> declared = TriggerAnnotations.remoteIdentity(trigger);
        Optional<RemoteIdentity> claimed = declared.flatMap(RemoteIdentity::claimed);
        if (claimed.isEmpty()) {
            // A recorded instance keeps a declaration, so twins find it (a new Trigger declares before its create).
            if (trigger.recordedTriggerId().isPresent()) {
                marker.declare(trigger, key, next);
            }
            return List.of();
        }
        if (claimed.get().equals(next)) {
            return List.of();
        }
        List<RemoteChange> changes = deleteUnrecorded(trigger, key, declared.get(), claimed.get());
        marker.declare(trigger, key, next);
        return changes;
    }

    private List<RemoteChange> deleteUnrecorded(Trigger trigger, DevcasterCredentials key, String declared,
                                                RemoteIdentity claimed) {
        // The vault keeps every key before a create is declared with it; without the vault nothing can be found.
        Optional<DevcasterCredentials> earlierKey = claimed.project().equals(key.fingerprint()) ? Optional.of(key)
            : vault.byFingerprint(claimed.project());
        // Signed by that project's key, or written by someone else: a forged declaration searches nothing.
        Optional<RemoteIdentity> earlier = earlierKey.flatMap(k -> RemoteIdentity.signed(declared, k,
            trigger.getMetadata().getUid()));
        if (earlier.isEmpty()) {
            return List.of();
        }
        List<RemoteChange> changes = new ArrayList<>();
        try {
            Optional<String> recorded = trigger.recordedTriggerId();
            for (TriggerInstance instance : remote.findAll(earlierKey.get(), earlier.get())) {
                if (!recorded.equals(Optional.of(instance.id()))
                    && ownership.keeperOtherThan(trigger, instance.id()).isEmpty()) {
                    remote.deleteIfPresent(earlierKey.get(), instance.id());
                    changes.add(RemoteChange.change("Deleted", "deleted remote trigger " + instance.id()
                        + ", created for an earlier version of this Trigger and never recorded"));
                }
            }
        } catch (UnauthorizedException e) {
            if (earlierKey.get() == key) {
                throw e;
            }
            // A rotated or revoked earlier key: nothing can be found with it, and the current key's own calls say more.
        }
        return changes;
    }
}
