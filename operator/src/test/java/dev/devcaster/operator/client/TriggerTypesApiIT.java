package dev.devcaster.operator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerTypesApiIT extends EmulatorTestBase {

    @Test
    void getsTypeAtLatestVersionWithItsConfigSchema() {
        TriggerType type = client.triggerTypes().get(credentials, "GITHUB_COMMIT_EVENT", null);

        assertThat(type.slug()).isEqualTo("GITHUB_COMMIT_EVENT");
        assertThat(type.type()).isEqualTo("webhook");
        assertThat(type.toolkit().slug()).isEqualTo("github");
        assertThat(type.version()).isEqualTo("20250909_00");
        assertThat(type.config().path("type").asText()).isEqualTo("object");
        assertThat(type.config().path("required")).extracting(n -> n.toString()).asString()
                .contains("owner", "repo");
        assertThat(type.payload().isObject()).isTrue();
    }

    @Test
    void getsTypeAtAnOlderVersion() {
        TriggerType type = client.triggerTypes().get(credentials, "GITHUB_COMMIT_EVENT", "20250601_00");

        assertThat(type.version()).isEqualTo("20250601_00");
        assertThat(type.config().path("properties").has("branch")).isFalse();
    }

    @Test
    void unknownSlugIsNotFound() {
        assertThatThrownBy(() -> client.triggerTypes().get(credentials, "FOO_BAR", null))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("GET /triggers_types/{slug}");
    }

    @Test
    void slugMissingInTheRequestedVersionIsNotFound() {
        assertThatThrownBy(() -> client.triggerTypes().get(credentials, "GITHUB_PULL_REQUEST_EVENT", "20250601_00"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void slugsAreSentAsGivenAndValuesThatAreNoSlugsAreNotSent() {
        assertThat(client.triggerTypes().get(credentials, "github_commit_event", null).slug())
                .isEqualTo("GITHUB_COMMIT_EVENT");
        // A "/" or "?" would reach another route (or turn into a query): such a value is not sent at all.
        assertThatThrownBy(() -> client.triggerTypes().get(credentials, "list/enum", null))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.status()).isZero());
        assertThatThrownBy(() -> client.triggerTypes().get(credentials, "GITHUB_COMMIT_EVENT?x=1", null))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.status()).isZero());
        assertThat(emulator.requestLog().entries()).noneMatch(r -> r.path().contains("list/enum") && r.path().contains("types/list"));
    }

    @Test
    void listsTypesOfToolkitsAtChosenVersions() {
        List<TriggerType> latest = client.triggerTypes().listAll(credentials, List.of("github"), Map.of());
        List<TriggerType> old = client.triggerTypes().listAll(credentials, List.of("github"),
                Map.of("github", "20250601_00"));
        Page<TriggerType> firstPage = client.triggerTypes().list(credentials, List.of("github", "slack"), Map.of(), null);

        assertThat(latest).extracting(TriggerType::slug).contains("GITHUB_PULL_REQUEST_EVENT")
                .allMatch(slug -> slug.startsWith("GITHUB_"));
        assertThat(old).extracting(TriggerType::slug).doesNotContain("GITHUB_PULL_REQUEST_EVENT").isNotEmpty();
        assertThat(old).extracting(TriggerType::version).containsOnly("20250601_00");
        assertThat(firstPage.items()).extracting(t -> t.toolkit().slug()).contains("github", "slack")
                .doesNotContain("gmail");
    }

    @Test
    void listsAllSlugs() {
        assertThat(client.triggerTypes().listSlugs(credentials))
                .contains("GITHUB_COMMIT_EVENT", "SLACK_RECEIVE_MESSAGE", "GMAIL_NEW_GMAIL_MESSAGE");
    }
}
