package dev.devcaster.plugin.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestYamlTest {

    static Trigger trigger() {
        Trigger t = new Trigger();
        t.setMetadata(new ObjectMetaBuilder().withName("gmail-new-gmail-message-alice-x1y2z3").withNamespace("team-a")
            .withAnnotations(Map.of("devcaster.dev/trigger-id", "ti_x1y2z3")).build());
        TriggerSpec spec = new TriggerSpec();
        spec.setSlug("GMAIL_NEW_GMAIL_MESSAGE");
        spec.setUserId("alice");
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("query", "from:billing");
        config.put("interval", 5);
        config.putObject("nested").put("z", 1).put("a", "2025-01-01");
        spec.setTriggerConfig(config);
        spec.setToolkitVersion("20250905_00");
        spec.setEnabled(false);
        spec.setCredentialsSecretRef(new SecretKeyRef("devcaster-credentials", "apiKey"));
        t.setSpec(spec);
        t.setStatus(null);
        return t;
    }

    @Test
    void readsLikeTheReadmeAndSortsTheConfig() {
        String yaml = ManifestYaml.write(trigger(), List.of("a comment"));

        assertThat(yaml).isEqualTo("""
            # a comment
            apiVersion: devcaster.dev/v1alpha1
            kind: Trigger
            metadata:
              name: gmail-new-gmail-message-alice-x1y2z3
              namespace: team-a
              annotations:
                devcaster.dev/trigger-id: ti_x1y2z3
            spec:
              slug: GMAIL_NEW_GMAIL_MESSAGE
              userId: alice
              triggerConfig:
                interval: 5
                nested:
                  a: "2025-01-01"
                  z: 1
                query: from:billing
              toolkitVersion: "20250905_00"
              enabled: false
              credentialsSecretRef:
                name: devcaster-credentials
                key: apiKey
            """);
    }

    @Test
    void stringsThatYaml11WouldReadAsSomethingElseAreQuoted() throws Exception {
        Trigger t = trigger();
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        for (String tricky : List.of("20250909_00", "1_000", "0x1F", "yes", "off", "y", "N", "~", "1e5", "12:30", ".inf",
            " padded ", "null", "true", "123", "1.5")) {
            config.put("k" + config.size(), tricky);
        }
        t.getSpec().setTriggerConfig(config);

        String yaml = ManifestYaml.write(t, List.of());

        // Read back the way the API server will (Fabric8's YAML, SnakeYAML): every value is still that string.
        Trigger back = Serialization.unmarshal(yaml, Trigger.class);
        assertThat(back.getSpec().getTriggerConfig()).isEqualTo(config);
        assertThat(back.getSpec().getToolkitVersion()).isEqualTo("20250905_00");
        List<JsonNode> docs = ManifestYaml.readAll(yaml);
        assertThat(docs).singleElement().satisfies(d -> assertThat(d.path("spec").path("triggerConfig")).isEqualTo(config));
    }

    @Test
    void sameTriggerSameBytes() {
        assertThat(ManifestYaml.write(trigger(), List.of("x"))).isEqualTo(ManifestYaml.write(trigger(), List.of("x")));
    }
}
