package dev.devcaster.operator.status;

import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

/** Kubernetes Events on Triggers: what `kubectl describe trigger` shows under Events. */
final class TriggerEvents {

    private static final String COMPONENT = "devcaster-operator";

    private final KubernetesGateway kubernetes;

    TriggerEvents(KubernetesGateway kubernetes) {
        this.kubernetes = kubernetes;
    }

    void normal(Trigger trigger, String reason, String message) {
        kubernetes.record(event(trigger, "Normal", reason, message));
    }

    void warning(Trigger trigger, String reason, String message) {
        kubernetes.record(event(trigger, "Warning", reason, message));
    }

    private static Event event(Trigger trigger, String type, String reason, String message) {
        var meta = trigger.getMetadata();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new EventBuilder()
            .withNewMetadata()
            .withName(meta.getName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE))
            .withNamespace(meta.getNamespace())
            .endMetadata()
            .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(trigger.getApiVersion())
                .withKind(trigger.getKind()).withName(meta.getName()).withNamespace(meta.getNamespace())
                .withUid(meta.getUid()).withResourceVersion(meta.getResourceVersion()).build())
            .withType(type)
            .withReason(reason)
            .withMessage(Messages.bounded(message))
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource().withComponent(COMPONENT).endSource()
            .withReportingComponent(COMPONENT)
            .build();
    }
}
