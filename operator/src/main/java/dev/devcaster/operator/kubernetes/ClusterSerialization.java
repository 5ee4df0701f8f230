package dev.devcaster.operator.kubernetes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * How the operator's client reads what the API server sends: as Fabric8 does, except that
 * {@code metadata.managedFields} is skipped unread. The operator never reads it, and it is half of
 * a Trigger as the API server sends it: an entry per field manager with a nested map per field,
 * which the list at a start (10,000 Triggers) and every watch event would otherwise parse into
 * maps only to throw away. An update without managed fields leaves the API server's as they are.
 *
 * <p>Watch events name their object's kind only in the JSON. Fabric8's default finds the class for
 * a kind by instantiating every model class on the class path (more than 500, about 0.2 s of a
 * start under C1) the first time an event arrives. Here the kinds a watch of this operator can
 * carry are registered instead: Trigger, and Status, the error a watch ends with (a 410 Gone must be
 * recognised as one, or the informer retries with its expired resource version forever). Calls that
 * name their type, as every other call of the operator does, need no look-up.
 */
public final class ClusterSerialization {

    private ClusterSerialization() {
    }

    public static KubernetesSerialization create() {
        KubernetesSerialization serialization = new KubernetesSerialization(
            new ObjectMapper().addMixIn(ObjectMeta.class, SkipManagedFields.class), false);
        serialization.registerKubernetesResource(Status.class);
        serialization.registerKubernetesResource(Trigger.class);
        return serialization;
    }

    @JsonIgnoreProperties("managedFields")
    private abstract static class SkipManagedFields {
    }
}
