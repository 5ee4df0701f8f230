package dev.devcaster.operator.kubernetes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * How the operator's client reads what the API server sends: as Fabric8 does, except that
 * {@code metadata.managedFields} is skipped unread. The operator never reads it (the informer's
 * store drops it anyway), and it is a large part of every object: an entry per field manager with
 * a nested map per field, which the list at a start (10,000 Triggers) and every watch event would
 * otherwise parse into maps only to throw away. An update without managed fields leaves the API
 * server's as they are.
 *
 * <p>It also reads objects by the type each call asks for, without Fabric8's look-up of every model
 * class on the class path: that look-up instantiates all of them (more than 500 classes, about
 * 0.2 s at start under C1) the first time a watch event arrives, for kinds the operator never
 * reads. Its informers watch Triggers only, whose type it names.
 */
public final class ClusterSerialization {

    private ClusterSerialization() {
    }

    public static KubernetesSerialization create() {
        return new KubernetesSerialization(new ObjectMapper().addMixIn(ObjectMeta.class, SkipManagedFields.class), false);
    }

    @JsonIgnoreProperties("managedFields")
    private abstract static class SkipManagedFields {
    }
}
