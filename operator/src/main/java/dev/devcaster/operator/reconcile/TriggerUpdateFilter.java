package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.ownership.TriggerOwnership;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;

import java.util.Objects;

/**
 * Which updates of a Trigger start a reconcile: spec changes (generation), deletion and the pause
 * annotation. Status writes and the operator's own annotations do not, so a status-only change
 * never causes a remote call. A newly recorded trigger id is shown to the ownership rules, which
 * ask twins that recorded the same instance in the same instant to look again.
 */
public final class TriggerUpdateFilter implements OnUpdateFilter<Trigger> {

    private final TriggerOwnership ownership;

    public TriggerUpdateFilter(TriggerOwnership ownership) {
        this.ownership = ownership;
    }

    @Override
    public boolean accept(Trigger updated, Trigger old) {
        if (!Objects.equals(updated.recordedTriggerId(), old.recordedTriggerId())) {
            ownership.recorded(updated);
        }
        return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
            || updated.getMetadata().getDeletionTimestamp() != null && old.getMetadata().getDeletionTimestamp() == null
            || TriggerAnnotations.paused(updated) != TriggerAnnotations.paused(old);
    }
}
