package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TriggerTypesTest extends EmulatorTestSupport {

    @Test
    void latestResolvesToTheNewestDatedVersion() {
        JsonNode type = get("/api/v3/triggers_types/github_commit_event?toolkit_versions=latest").json();

        assertThat(type.path("slug").asText()).isEqualTo("GITHUB_COMMIT_EVENT");
        assertThat(type.path("version").asText()).isEqualTo("20250909_00");
        assertThat(type.path("type").asText()).isEqualTo("webhook");
        assertThat(type.path("toolkit").path("slug").asText()).isEqualTo("github");
        assertThat(type.path("config").path("required")).extracting(JsonNode::asText).containsExactly("owner", "repo");
        assertThat(type.path("config").path("properties").has("branch")).isTrue();
        assertThat(type.path("payload").path("type").asText()).isEqualTo("object");
    }

    @Test
    void perToolkitVersionSelectsTheOlderSchema() {
        JsonNode old = get("/api/v3/triggers_types/GITHUB_COMMIT_EVENT?toolkit_versions%5Bgithub%5D=20250601_00").json();

        assertThat(old.path("version").asText()).isEqualTo("20250601_00");
        assertThat(old.path("config").path("properties").has("branch")).isFalse();
        assertThat(get("/api/v3/triggers_types/GITHUB_PULL_REQUEST_EVENT?toolkit_versions=20250601_00").status()).isEqualTo(404);
        assertThat(get("/api/v3/triggers_types/GITHUB_NOPE").status()).isEqualTo(404);
    }

    @Test
    void gmailIsAPollTypeWithDefaults() {
        JsonNode config = get("/api/v3.1/triggers_types/GMAIL_NEW_GMAIL_MESSAGE").json().path("config").path("properties");

        assertThat(config.path("interval").path("default").asInt()).isEqualTo(1);
        assertThat(config.path("labelIds").path("default").asText()).isEqualTo("INBOX");
        assertThat(config.path("userId").path("default").asText()).isEqualTo("me");
    }

    @Test
    void listFiltersByToolkitAndEnumNamesEverySlug() {
        JsonNode github = get("/api/v3/triggers_types?toolkit_slugs=github,slack").json();
        assertThat(github.path("total_items").asInt()).isEqualTo(7);

        JsonNode enumeration = get("/api/v3/triggers_types/list/enum").json();
        assertThat(enumeration.isArray()).isTrue();
        assertThat(enumeration).extracting(JsonNode::asText).contains("GITHUB_COMMIT_EVENT", "SLACK_RECEIVE_MESSAGE",
                "GMAIL_NEW_GMAIL_MESSAGE", "NOTION_PAGE_ADDED_TO_DATABASE", "GOOGLEDRIVE_GOOGLE_DRIVE_CHANGES",
                "GITHUB_PULL_REQUEST_EVENT");
    }
}
