package dev.devcaster.operator.kubernetes;

import dev.devcaster.operator.trigger.Trigger;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterSerializationTest {

    private static final String TRIGGER = """
        {"apiVersion":"devcaster.dev/v1alpha1","kind":"Trigger",
         "metadata":{"name":"commits","namespace":"team-a","uid":"u-1","resourceVersion":"42",
           "finalizers":["triggers.devcaster.dev/finalizer"],
           "annotations":{"devcaster.dev/remote-identity":"v1:p:GITHUB_COMMIT_EVENT:ca_1:h:s"},
           "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"devcaster.dev/v1alpha1",
             "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{".":{},"f:slug":{},"f:userId":{}}}},
             {"manager":"devcaster-operator","operation":"Update","subresource":"status",
             "fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:triggerId":{}}}}]},
         "spec":{"slug":"GITHUB_COMMIT_EVENT","userId":"alice","triggerConfig":{"repo":"r","owner":"o"}},
         "status":{"triggerId":"ti_1","observedGeneration":1}}""";

    private final KubernetesSerialization serialization = ClusterSerialization.create();

    @Test
    void managedFieldsAreSkippedAndEverythingElseIsRead() {
        Trigger trigger = serialization.unmarshal(TRIGGER, Trigger.class);

        assertThat(trigger.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(trigger.getMetadata().getAdditionalProperties()).doesNotContainKey("managedFields");
        assertThat(trigger.getMetadata().getName()).isEqualTo("commits");
        assertThat(trigger.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(trigger.getMetadata().getFinalizers()).containsExactly("triggers.devcaster.dev/finalizer");
        assertThat(trigger.getMetadata().getAnnotations()).containsKey("devcaster.dev/remote-identity");
        assertThat(trigger.getSpec().getTriggerConfig().get("repo").asText()).isEqualTo("r");
        assertThat(trigger.getStatus().getTriggerId()).isEqualTo("ti_1");
    }

    @Test
    void theDefaultSerializationWouldHaveReadThem() {
        Trigger trigger = new KubernetesSerialization().unmarshal(TRIGGER, Trigger.class);

        assertThat(trigger.getMetadata().getManagedFields()).hasSize(2);
    }

    @Test
    void listsAsTheInformerReadsThem() {
        String list = "{\"apiVersion\":\"devcaster.dev/v1alpha1\",\"kind\":\"TriggerList\",\"metadata\":{},\"items\":["
            + TRIGGER + "," + TRIGGER.replace("\"commits\"", "\"pushes\"") + "]}";

        KubernetesResourceList<Trigger> triggers = serialization.unmarshal(
            new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)),
            new TypeReference<DefaultKubernetesResourceList<Trigger>>() {
            });

        assertThat(triggers.getItems()).extracting(t -> t.getMetadata().getName()).containsExactly("commits", "pushes");
        assertThat(triggers.getItems()).allSatisfy(t -> assertThat(t.getMetadata().getManagedFields()).isNullOrEmpty());
    }

    @Test
    void watchEventsCarryTriggersAndTheStatusAWatchEndsWith() {
        WatchEvent modified = serialization.unmarshal("{\"type\":\"MODIFIED\",\"object\":" + TRIGGER + "}",
            WatchEvent.class);
        WatchEvent gone = serialization.unmarshal("""
            {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"too old resource version: 1 (42)","reason":"Expired","code":410}}""", WatchEvent.class);

        assertThat(modified.getObject()).isInstanceOfSatisfying(Trigger.class,
            t -> assertThat(t.getMetadata().getManagedFields()).isNullOrEmpty());
        assertThat(gone.getObject()).as("a 410 must reach the informer as a Status, so that it lists again")
            .isInstanceOfSatisfying(Status.class, status -> assertThat(status.getCode()).isEqualTo(410));
    }

    @Test
    void otherKindsAreNotLookedUpAcrossTheClassPath() {
        String event = """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"e"},"reason":"Created"}""";

        assertThat(serialization.unmarshal(event, Event.class).getReason()).as("a typed read").isEqualTo("Created");
        assertThat(serialization.<Object>unmarshal(event)).as("an untyped read of an unregistered kind stays generic")
            .isInstanceOf(GenericKubernetesResource.class);
        assertThat(new KubernetesSerialization().<Object>unmarshal(event)).as("Fabric8's default looks it up")
            .isInstanceOf(Event.class);
    }
}
