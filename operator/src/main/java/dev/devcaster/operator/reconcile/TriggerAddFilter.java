package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.trigger.Trigger;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;

/**
 * Which Triggers the informer's first sight of (a start, a restart, a new leader) reconciles at
 * once: all but those already Synced for their generation, which the drift sweep confirms in bulk.
 * So new, changed and failing Triggers never wait behind thousands of in-sync ones.
 */
public final class TriggerAddFilter implements OnAddFilter<Trigger> {

    @Override
    public boolean accept(Trigger trigger) {
        return !InSyncCheck.candidate(trigger);
    }
}
