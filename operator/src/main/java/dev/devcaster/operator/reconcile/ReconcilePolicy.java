package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.trigger.DeletionPolicy;

import java.time.Duration;

/**
 * When the reconciler looks at a Trigger again, and what deletion does when nothing else says.
 *
 * @param resyncPeriod          drift check period of a Synced Trigger (jittered)
 * @param recheckPeriod         how soon a Trigger waiting on something outside is looked at again
 * @param transientBackoff      the backoff after 5xx, timeouts and dropped connections
 * @param defaultDeletionPolicy for Triggers whose spec and namespace say nothing
 */
public record ReconcilePolicy(Duration resyncPeriod, Duration recheckPeriod, TransientBackoff transientBackoff,
                              DeletionPolicy defaultDeletionPolicy) {
}
