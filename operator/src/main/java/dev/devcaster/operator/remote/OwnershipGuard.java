package dev.devcaster.operator.remote;

import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;

/**
 * Asked before the remote sync touches an instance, so a Trigger never writes to (or deletes) a
 * remote trigger another Trigger manages. Both checks throw a {@link TriggerProblem} with reason
 * Conflict.
 */
public interface OwnershipGuard {

    /** Another Trigger manages {@code triggerId}. */
    void requireOwner(Trigger trigger, String triggerId);

    /** Another Trigger declares the same remote trigger (same slug, account and config). */
    void requireNoTwin(Trigger trigger, DesiredState desired);
}
