package dev.devcaster.operator.kubernetes;

import dev.devcaster.operator.trigger.Trigger;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;

import java.util.Set;

/**
 * Asks the controller to reconcile a Trigger now, from outside a reconcile: the drift sweep for a
 * Trigger whose remote trigger drifted, the ownership rules for twins. The request is a resource
 * event, so it also reaches a Trigger the controller has not reconciled since it started (an
 * in-sync one, left to the sweep). Register this as an event source.
 */
public final class Requeue extends AbstractEventSource<Void, Trigger> {

    public Requeue() {
        super(Void.class, "requeue");
    }

    public void now(Trigger trigger) {
        if (isRunning()) {
            getEventHandler().handleEvent(new ResourceEvent(ResourceAction.UPDATED, ResourceID.fromResource(trigger),
                trigger));
        }
    }

    @Override
    public Set<Void> getSecondaryResources(Trigger primary) {
        return Set.of();
    }
}
