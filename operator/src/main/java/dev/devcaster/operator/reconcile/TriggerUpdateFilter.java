package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;

import java.util.Objects;

/**
 * Which updates of a Trigger start a reconcile: spec changes (generation), deletion, finalizer
 * changes (the framework adds its finalizer, then expects a reconcile) and the pause annotation. Status writes and the operator's own trigger-id annotation do not, so a
 * status-only change never causes a remote call.
 */
public final class TriggerUpdateFilter implements OnUpdateFilter<Trigger> {

    @Override
    public boolean accept(Trigger updated, Trigger old) {
        return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
            || updated.getMetadata().getDeletionTimestamp() != null && old.getMetadata().getDeletionTimestamp() == null
            || !Objects.equals(updated.getMetadata().getFinalizers(), old.getMetadata().getFinalizers())
            || TriggerAnnotations.paused(updated) != TriggerAnnotations.paused(old);
    }
}
