package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.account.AccountResolver;
import dev.devcaster.operator.client.ConnectedAccount;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.credentials.CredentialsResolver;
import dev.devcaster.operator.ownership.TriggerOwnership;
import dev.devcaster.operator.remote.DesiredState;
import dev.devcaster.operator.remote.RemoteInventory;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerConditions;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.operator.trigger.TriggerStatus;
import dev.devcaster.operator.triggertype.TypeCheck;
import dev.devcaster.operator.triggertype.ValidatedConfig;

import java.util.Objects;

/**
 * The resync fast path: the spec is what was last applied, the Trigger was Synced, and the project
 * snapshot shows its instance and account as desired. Then there is nothing to do: no remote call
 * of its own and no status write. Anything unexpected means "not sure": the full sync runs and
 * reports it.
 */
final class InSyncCheck {

    private final CredentialsResolver credentials;
    private final TypeCheck types;
    private final AccountResolver accounts;
    private final RemoteInventory inventory;
    private final TriggerOwnership ownership;

    InSyncCheck(CredentialsResolver credentials, TypeCheck types, AccountResolver accounts, RemoteInventory inventory,
                TriggerOwnership ownership) {
        this.credentials = credentials;
        this.types = types;
        this.accounts = accounts;
        this.inventory = inventory;
        this.ownership = ownership;
    }

    boolean confirms(Trigger trigger) {
        if (TriggerAnnotations.paused(trigger) || !lastSynced(trigger)) {
            return false;
        }
        try {
            TriggerStatus status = trigger.getStatus();
            DevcasterCredentials key = credentials.resolve(trigger);
            if (!key.fingerprint().equals(status.getProject()) || ownership.mustLookAgain(trigger)) {
                return false;
            }
            ValidatedConfig validated = types.check(key, trigger);
            DesiredState desired = DesiredState.of(validated, status.getConnectedAccountId(), trigger.getSpec().enabled());
            if (!desired.hash().equals(status.getDesiredHash())) {
                return false;
            }
            RemoteInventory.Snapshot snapshot = inventory.snapshot(key);
            TriggerInstance instance = snapshot.instances().get(status.getTriggerId());
            ConnectedAccount account = snapshot.accounts().get(status.getConnectedAccountId());
            return instance != null && account != null && desired.matches(instance)
                && instance.enabled() == desired.enabled()
                && accounts.stillUsable(trigger, account, validated.toolkit())
                && ownership.keeperOtherThan(trigger, status.getTriggerId()).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Synced for this generation, with nothing left to clean up: only then may the fast path apply. */
    private static boolean lastSynced(Trigger trigger) {
        TriggerStatus status = trigger.getStatus();
        return status != null && status.getTriggerId() != null && status.getConnectedAccountId() != null
            && status.getDesiredHash() != null
            && Objects.equals(status.getObservedGeneration(), trigger.getMetadata().getGeneration())
            && TriggerConditions.readyReasonIs(status, ReadyReason.Synced);
    }
}
