package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** Kubernetes Events on Triggers: what `kubectl describe trigger` shows under Events. */
public final class TriggerEvents {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerEvents.class);
    private static final String COMPONENT = "devcaster-operator";

    private final KubernetesClient client;

    public TriggerEvents(KubernetesClient client) {
        this.client = client;
    }

    public void normal(Trigger trigger, String reason, String message) {
        emit(trigger, "Normal", reason, message);
    }

    public void warning(Trigger trigger, String reason, String message) {
        emit(trigger, "Warning", reason, message);
    }

    private void emit(Trigger trigger, String type, String reason, String message) {
        var meta = trigger.getMetadata();
        String now = Instant.now().toString();
        var event = new EventBuilder()
            .withNewMetadata()
            .withName(meta.getName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE))
            .withNamespace(meta.getNamespace())
            .endMetadata()
            .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(trigger.getApiVersion())
                .withKind(trigger.getKind()).withName(meta.getName()).withNamespace(meta.getNamespace())
                .withUid(meta.getUid()).withResourceVersion(meta.getResourceVersion()).build())
            .withType(type)
            .withReason(reason)
            .withMessage(message.length() > 1024 ? message.substring(0, 1021) + "..." : message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource().withComponent(COMPONENT).endSource()
            .withReportingComponent(COMPONENT)
            .build();
        try {
            client.v1().events().inNamespace(meta.getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // Events are best effort: losing one must not fail the reconcile.
            LOG.warn("could not record event {} on {}/{}: {}", reason, meta.getNamespace(), meta.getName(), e.getMessage());
        }
    }
}
