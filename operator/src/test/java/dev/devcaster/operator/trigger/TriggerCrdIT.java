package dev.devcaster.operator.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.operator.cluster.KubernetesClusterExtension;
import dev.devcaster.operator.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behaviour only a real API server has: structural-schema checks, CEL rules, server-side defaults,
 * the status subresource and Table responses. The Fabric8 mock server fails every one of these.
 */
@ExtendWith(KubernetesClusterExtension.class)
class TriggerCrdIT {

    @Test
    void crdIsAcceptedAsStructuralAndEstablished(KubernetesClient client) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .withName("triggers.devcaster.dev").get();

        assertThat(crd.getStatus().getConditions())
                .anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("Established");
                    assertThat(c.getStatus()).isEqualTo("True");
                })
                .noneSatisfy(c -> assertThat(c.getType()).isEqualTo("NonStructuralSchema"));
        assertThat(crd.getStatus().getAcceptedNames().getShortNames()).containsExactly("dtrigger");
        assertThat(crd.getStatus().getAcceptedNames().getCategories()).containsExactly("devcaster");
    }

    @Test
    void serverAppliesDefaults(KubernetesClient client, TestNamespace ns) {
        Trigger t = trigger("defaults", "GITHUB_COMMIT_EVENT", "alice");
        t.getSpec().setEnabled(null);
        t.getSpec().setTriggerConfig(null);
        t.getSpec().setCredentialsSecretRef(new SecretKeyRef("creds", null));

        Trigger created = client.resources(Trigger.class).inNamespace(ns.name()).resource(t).create();

        assertThat(created.getSpec().getEnabled()).isTrue();
        assertThat(created.getSpec().getCredentialsSecretRef().getKey()).isEqualTo("apiKey");
    }

    @Test
    void celRejectsBothUserIdAndConnectedAccountId(KubernetesClient client, TestNamespace ns) {
        Trigger t = trigger("both", "GITHUB_COMMIT_EVENT", "alice");
        t.getSpec().setConnectedAccountId("ca_123");

        assertThatThrownBy(() -> client.resources(Trigger.class).inNamespace(ns.name()).resource(t).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
                .hasMessageContaining("exactly one of userId or connectedAccountId must be set");
    }

    @Test
    void celRejectsNeitherUserIdNorConnectedAccountId(KubernetesClient client, TestNamespace ns) {
        Trigger t = trigger("neither", "GITHUB_COMMIT_EVENT", null);

        assertThatThrownBy(() -> client.resources(Trigger.class).inNamespace(ns.name()).resource(t).create())
                .hasMessageContaining("exactly one of userId or connectedAccountId must be set");
    }

    @Test
    void schemaRejectsBadDeletionPolicyAndToolkitVersion(KubernetesClient client, TestNamespace ns) {
        String yaml = """
                apiVersion: devcaster.dev/v1alpha1
                kind: Trigger
                metadata: {name: bad}
                spec: {slug: GITHUB_COMMIT_EVENT, userId: alice, deletionPolicy: Keep, toolkitVersion: v2}
                """;

        // Untyped, so the client sends the bad values instead of failing to map them to Java enums.
        assertThatThrownBy(() -> client.genericKubernetesResources("devcaster.dev/v1alpha1", "Trigger")
                .inNamespace(ns.name()).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).create())
                .hasMessageContaining("spec.deletionPolicy")
                .hasMessageContaining("spec.toolkitVersion");
    }

    @Test
    void slugIsImmutable(KubernetesClient client, TestNamespace ns) {
        var triggers = client.resources(Trigger.class).inNamespace(ns.name());
        triggers.resource(trigger("immutable", "GITHUB_COMMIT_EVENT", "alice")).create();

        assertThatThrownBy(() -> triggers.withName("immutable").edit(t -> {
            t.getSpec().setSlug("GITHUB_STAR_ADDED_EVENT");
            return t;
        })).hasMessageContaining("slug is immutable");
    }

    @Test
    void statusSubresourceIgnoresStatusInSpecUpdate(KubernetesClient client, TestNamespace ns) {
        var triggers = client.resources(Trigger.class).inNamespace(ns.name());
        Trigger created = triggers.resource(trigger("status", "GITHUB_COMMIT_EVENT", "alice")).create();
        created.getStatus().setTriggerId("ti_from_status_write");
        created.getStatus().getConditions().add(new ConditionBuilder().withType("Ready").withStatus("True")
                .withReason("Synced").withLastTransitionTime("2026-11-27T00:00:00Z").build());
        triggers.resource(created).updateStatus();

        Trigger fresh = triggers.withName("status").get();
        fresh.getStatus().setTriggerId("ti_smuggled_in_spec_update");
        fresh.getSpec().setEnabled(false);
        Trigger updated = triggers.resource(fresh).update();

        assertThat(updated.getSpec().getEnabled()).isFalse();
        assertThat(updated.getStatus().getTriggerId()).isEqualTo("ti_from_status_write");
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void printerColumnsAreServedInTableResponses(KubernetesClient client, TestNamespace ns) throws Exception {
        var triggers = client.resources(Trigger.class).inNamespace(ns.name());
        Trigger created = triggers.resource(trigger("table", "GITHUB_COMMIT_EVENT", "alice")).create();
        created.getStatus().setTriggerId("ti_abc");
        created.getStatus().setUser("alice");
        created.getStatus().setConnectedAccountId("ca_pinned1");
        created.getStatus().setToolkitVersion("20250909_00");
        created.getStatus().setState(TriggerState.Enabled);
        created.getStatus().getConditions().add(new ConditionBuilder().withType("Ready").withStatus("False")
                .withReason("InvalidConfig").withMessage("triggerConfig.repo: required")
                .withLastTransitionTime("2026-11-27T00:00:00Z").build());
        triggers.resource(created).updateStatus();

        var http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(client.getMasterUrl() + "apis/devcaster.dev/v1alpha1/namespaces/" + ns.name() + "/triggers")
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
                .build();
        HttpResponse<String> response = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
        JsonNode table = new ObjectMapper().readTree(response.body());

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        List<String> columns = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
        assertThat(columns).containsExactly("Name", "Slug", "User", "Trigger ID", "State", "Ready", "Reason", "Age",
                "Account", "Toolkit Version", "Message");
        List<String> wide = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> {
            if (c.path("priority").asInt() == 1) {
                wide.add(c.path("name").asText());
            }
        });
        assertThat(wide).as("what -o wide adds").containsExactly("Account", "Toolkit Version", "Message");
        List<String> cells = new ArrayList<>();
        table.path("rows").get(0).path("cells").forEach(c -> cells.add(c.asText()));
        assertThat(cells).contains("table", "GITHUB_COMMIT_EVENT", "alice", "ti_abc", "Enabled", "False", "InvalidConfig",
                "ca_pinned1", "20250909_00", "triggerConfig.repo: required");
    }

    @Test
    void theSchemaExplainsTheKindItsPartsAndEveryConditionField(KubernetesClient client) {
        var served = client.apiextensions().v1().customResourceDefinitions().withName("triggers.devcaster.dev").get()
                .getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
        assertThat(served.getDescription()).contains("Devcaster trigger");
        assertThat(served.getProperties().get("spec").getDescription()).isNotBlank();
        assertThat(served.getProperties().get("status").getDescription()).contains("Ready");
        var conditions = served.getProperties().get("status").getProperties().get("conditions");
        assertThat(conditions.getXKubernetesListType()).isEqualTo("map");
        assertThat(conditions.getXKubernetesListMapKeys()).containsExactly("type");
        assertThat(conditions.getItems().getSchema().getRequired()).contains("type", "status");
        assertThat(conditions.getItems().getSchema().getProperties()).allSatisfy((name, field) ->
                assertThat(field.getDescription()).as(name).isNotBlank());
    }
}
