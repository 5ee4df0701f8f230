package dev.devcaster.operator.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every read and write the operator makes on the Kubernetes API besides the informer cache: the
 * live Trigger, its status and annotations, Events, the namespace's annotations and the leader
 * Lease. One place to see (and to test) what the operator does to the cluster.
 */
public final class KubernetesGateway {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesGateway.class);
    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final KubernetesClient client;

    public KubernetesGateway(KubernetesClient client) {
        this.client = client;
    }

    /** The Trigger as the API server has it now, if it is still the same object (same uid). */
    public Optional<Trigger> live(Trigger trigger) {
        Trigger live = client.resources(Trigger.class).inNamespace(trigger.getMetadata().getNamespace())
            .withName(trigger.getMetadata().getName()).get();
        return Optional.ofNullable(live)
            .filter(l -> Objects.equals(l.getMetadata().getUid(), trigger.getMetadata().getUid()));
    }

    /** A JSON merge patch of the status subresource: {@code statusPatch} becomes {@code .status}. */
    public void patchStatus(Trigger trigger, ObjectNode statusPatch) {
        ObjectNode body = JSON.createObjectNode();
        body.set("status", statusPatch);
        client.resources(Trigger.class).inNamespace(trigger.getMetadata().getNamespace())
            .withName(trigger.getMetadata().getName()).subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), body.toString());
    }

    /** Sets annotations of the Trigger with a JSON merge patch (a null value removes the key). */
    public void annotate(Trigger trigger, Map<String, String> annotations) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode node = body.putObject("metadata").putObject("annotations");
        annotations.forEach(node::put);
        client.resources(Trigger.class).inNamespace(trigger.getMetadata().getNamespace())
            .withName(trigger.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), body.toString());
    }

    /** Best effort: a lost Event must not fail a reconcile. */
    public void record(Event event) {
        try {
            client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} on {}/{}: {}", event.getReason(), event.getMetadata().getNamespace(),
                event.getInvolvedObject().getName(), e.getMessage());
        }
    }

    /** An annotation of a namespace; empty when the namespace or the annotation is absent. */
    public Optional<String> namespaceAnnotation(String namespace, String annotation) {
        Namespace ns = client.namespaces().withName(namespace).get();
        return Optional.ofNullable(ns).map(n -> n.getMetadata().getAnnotations()).map(a -> a.get(annotation));
    }

    /**
     * Hands the leader Lease back on a graceful shutdown, so a stand-by takes over within its
     * retry period instead of waiting out the lease duration; the framework stops leading
     * without releasing it.
     */
    public void releaseLease(String namespace, String name, String identity) {
        try {
            Lease lease = client.leases().inNamespace(namespace).withName(name).get();
            if (lease == null || lease.getSpec() == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            lease.getSpec().setHolderIdentity("");
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setRenewTime(ZonedDateTime.now().minusSeconds(5));
            client.leases().inNamespace(namespace).resource(lease).update();
            LOG.info("released leader lease {}/{}", namespace, name);
        } catch (KubernetesClientException e) {
            LOG.warn("could not release leader lease {}/{}: {}", namespace, name, e.getMessage());
        }
    }
}
