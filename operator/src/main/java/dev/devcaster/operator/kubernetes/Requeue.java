package dev.devcaster.operator.kubernetes;

import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;

/**
 * Asks the controller to reconcile a Trigger now, from outside a reconcile: the drift sweep for a
 * Trigger whose remote trigger drifted, the ownership rules for twins. Register {@link #eventSource()}.
 */
public final class Requeue {

    private final SimpleInboundEventSource<Trigger> source = new SimpleInboundEventSource<>("requeue");

    public SimpleInboundEventSource<Trigger> eventSource() {
        return source;
    }

    public void now(HasMetadata trigger) {
        source.propagateEvent(ResourceID.fromResource(trigger));
    }
}
