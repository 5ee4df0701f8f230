package dev.devcaster.operator.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.client.TriggerInstance;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DesiredStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode config(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static DesiredState desired(String configJson, boolean enabled) {
        return new DesiredState("GITHUB_COMMIT_EVENT", "github", "20250909_00", "ca_1", config(configJson), enabled);
    }

    @Test
    void hashIgnoresPropertyOrderButNotValues() {
        String hash = desired("{\"owner\":\"acme\",\"repo\":\"api\"}", true).hash();

        assertThat(desired("{\"repo\":\"api\",\"owner\":\"acme\"}", true).hash()).isEqualTo(hash);
        assertThat(desired("{\"owner\":\"acme\",\"repo\":\"web\"}", true).hash()).isNotEqualTo(hash);
        assertThat(desired("{\"owner\":\"acme\",\"repo\":\"api\"}", false).hash()).isNotEqualTo(hash);
        assertThat(new DesiredState("GITHUB_COMMIT_EVENT", "github", "20250601_00", "ca_1",
            config("{\"owner\":\"acme\",\"repo\":\"api\"}"), true).hash()).isNotEqualTo(hash);
        assertThat(new DesiredState("GITHUB_COMMIT_EVENT", "github", "20250909_00", "ca_2",
            config("{\"owner\":\"acme\",\"repo\":\"api\"}"), true).hash()).isNotEqualTo(hash);
        assertThat(hash).hasSize(16).matches("[0-9a-f]+");
    }

    @Test
    void matchesAnInstanceWithTheSameSlugAccountAndConfig() {
        DesiredState desired = desired("{\"interval\":1,\"labelIds\":\"INBOX\"}", true);

        assertThat(desired.matches(instance("github_commit_event", "ca_1", Map.of("interval", 1.0, "labelIds", "INBOX"))))
            .as("slug case and 1 vs 1.0 do not matter").isTrue();
        assertThat(desired.matches(instance("GITHUB_COMMIT_EVENT", "ca_2", Map.of("interval", 1, "labelIds", "INBOX"))))
            .isFalse();
        assertThat(desired.matches(instance("GITHUB_COMMIT_EVENT", "ca_1", Map.of("interval", 2, "labelIds", "INBOX"))))
            .isFalse();
        assertThat(desired.matches(instance("GITHUB_COMMIT_EVENT", "ca_1", Map.of("interval", 1)))).isFalse();
    }

    static TriggerInstance instance(String slug, String account, Map<String, Object> config) {
        return new TriggerInstance("ti_1", slug, account, "alice", JSON.valueToTree(config), null, null, null);
    }
}
