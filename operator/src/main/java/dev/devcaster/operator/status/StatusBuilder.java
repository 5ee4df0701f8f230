package dev.devcaster.operator.status;

import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerState;
import dev.devcaster.operator.trigger.TriggerStatus;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one place that builds a Trigger's status: every field, the conditions and the observed
 * generation, from the status the Trigger has and what the reconcile came to. What an outcome
 * does not speak about is carried over unchanged, so a failed reconcile never forgets the remote
 * trigger the status records.
 */
public final class StatusBuilder {

    private StatusBuilder() {
    }

    public static TriggerStatus next(Trigger trigger, Outcome outcome, Instant at) {
        // metav1.Time: RFC 3339 at second precision.
        Instant now = at.truncatedTo(ChronoUnit.SECONDS);
        TriggerStatus previous = copy(trigger);
        TriggerStatus next = copy(trigger);
        next.setUser(trigger.getSpec().getUserId() != null ? trigger.getSpec().getUserId()
            : trigger.getSpec().getConnectedAccountId());
        long generation = Optional.ofNullable(trigger.getMetadata().getGeneration()).orElse(0L);
        next.setObservedGeneration(generation);
        outcome.applied().ifPresent(applied -> {
            next.setTriggerId(applied.triggerId());
            next.setProject(applied.project());
            next.setConnectedAccountId(applied.connectedAccountId());
            next.setToolkit(applied.toolkit());
            next.setToolkitVersion(applied.toolkitVersion());
            next.setState(applied.enabled() ? TriggerState.Enabled : TriggerState.Disabled);
            next.setDesiredHash(applied.desiredHash());
            boolean firstConfirmation = !applied.desiredHash().equals(previous.getDesiredHash())
                || previous.getLastSyncedTime() == null;
            if (applied.wroteRemotely() || firstConfirmation) {
                next.setLastSyncedTime(now.toString());
            }
        });
        outcome.owned().ifPresent(owned -> {
            // Made or matched before a later step failed: recorded, but not as applied (no desired hash).
            next.setTriggerId(owned.triggerId());
            next.setProject(owned.project());
        });
        if (outcome.releaseRecorded()) {
            next.setTriggerId(null);
            next.setProject(null);
        }
        next.setConditions(TriggerConditions.next(previous.getConditions(), outcome.reason(), outcome.message(),
            generation, now));
        return next;
    }

    private static TriggerStatus copy(Trigger trigger) {
        return Serialization.clone(trigger.getStatus() == null ? new TriggerStatus() : trigger.getStatus());
    }
}
