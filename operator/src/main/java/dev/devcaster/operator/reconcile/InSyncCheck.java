package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.account.AccountResolver;
import dev.devcaster.operator.client.ConnectedAccount;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.TriggerInstance;
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
 * Whether a Synced Trigger is still in sync, judged from a snapshot of its project with no remote
 * call of its own: the spec is what was last applied (same desired-state hash, key of the same
 * project) and its instance and account look as desired. Anything unexpected means "not sure": the
 * full sync runs and reports it.
 */
final class InSyncCheck {

    private final TypeCheck types;
    private final AccountResolver accounts;
    private final TriggerOwnership ownership;

    InSyncCheck(TypeCheck types, AccountResolver accounts, TriggerOwnership ownership) {
        this.types = types;
        this.accounts = accounts;
        this.ownership = ownership;
    }

    /** Synced for this generation and not paused or deleting: only such a Trigger may be confirmed in bulk. */
    static boolean candidate(Trigger trigger) {
        TriggerStatus status = trigger.getStatus();
        return status != null && status.getTriggerId() != null && status.getConnectedAccountId() != null
            && status.getDesiredHash() != null && status.getProject() != null
            && Objects.equals(status.getObservedGeneration(), trigger.getMetadata().getGeneration())
            && TriggerConditions.readyReasonIs(status, ReadyReason.Synced)
            && !TriggerAnnotations.paused(trigger) && !trigger.isMarkedForDeletion();
    }

    boolean confirms(Trigger trigger, DevcasterCredentials key, RemoteInventory.Snapshot snapshot) {
        try {
            TriggerStatus status = trigger.getStatus();
            if (!candidate(trigger) || !key.fingerprint().equals(status.getProject())) {
                return false;
            }
            ValidatedConfig validated = types.check(key, trigger);
            DesiredState desired = DesiredState.of(validated, status.getConnectedAccountId(), trigger.getSpec().enabled());
            TriggerInstance instance = snapshot.instances().get(status.getTriggerId());
            ConnectedAccount account = snapshot.accounts().get(status.getConnectedAccountId());
            return desired.hash().equals(status.getDesiredHash()) && instance != null && account != null
                && desired.matches(instance) && instance.enabled() == desired.enabled()
                && accounts.stillUsable(trigger, account, validated.toolkit())
                && ownership.keeperOtherThan(trigger, status.getTriggerId()).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
