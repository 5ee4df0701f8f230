package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.model.MatchKeyMode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TriggerUpsertTest extends EmulatorTestSupport {

    private ConnectedAccount github;

    @BeforeEach
    void seed() {
        github = project.addConnectedAccount("u1", "github", AccountStatus.ACTIVE, T0);
    }

    private String commitBody(String repo) {
        return "{\"connected_account_id\":\"" + github.id() + "\",\"trigger_config\":{\"owner\":\"acme\",\"repo\":\"" + repo + "\"}}";
    }

    @Test
    void createsWith201AndMatchesTheSameConfigWith200() {
        Response created = upsert("GITHUB_COMMIT_EVENT", commitBody("api"));
        Response matched = upsert("github_commit_event", commitBody("api"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(matched.status()).isEqualTo(200);
        assertThat(matched.triggerId()).isEqualTo(created.triggerId())
                .startsWith("ti_");
        assertThat(project.triggers()).singleElement().satisfies(t -> {
            assertThat(t.slug()).isEqualTo("GITHUB_COMMIT_EVENT");
            assertThat(t.userId()).isEqualTo("u1");
            assertThat(t.config()).isEqualTo(Map.of("owner", "acme", "repo", "api"));
        });
    }

    @Test
    void configModeCreatesANewInstanceForADifferentConfigAndKeepsTheOld() {
        String first = upsert("GITHUB_COMMIT_EVENT", commitBody("api")).triggerId();
        Response second = upsert("GITHUB_COMMIT_EVENT", commitBody("web"));

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.triggerId()).isNotEqualTo(first);
        assertThat(project.triggers()).hasSize(2);
    }

    @Test
    void slugAndAccountModeUpdatesTheConfigInPlace() {
        emulator.faults().matchKeyMode(MatchKeyMode.SLUG_AND_ACCOUNT);
        String first = upsert("GITHUB_COMMIT_EVENT", commitBody("api")).triggerId();
        project.disableTrigger(first);

        Response second = upsert("GITHUB_COMMIT_EVENT", commitBody("web"));

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.triggerId()).isEqualTo(first);
        assertThat(project.triggers()).singleElement().satisfies(t -> {
            assertThat(t.config()).containsEntry("repo", "web");
            assertThat(t.enabled()).isTrue();
        });
    }

    @Test
    void upsertReEnablesADisabledMatch() {
        String id = upsert("GITHUB_COMMIT_EVENT", commitBody("api")).triggerId();
        project.disableTrigger(id);
        assertThat(project.trigger(id)).hasValueSatisfying(t -> assertThat(t.enabled()).isFalse());

        Response again = upsert("GITHUB_COMMIT_EVENT", commitBody("api"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(project.trigger(id)).hasValueSatisfying(t -> assertThat(t.disabledAt()).isNull());
    }

    @Test
    void userIdResolvesToTheNewestActiveAccountNotANewerExpiredOne() {
        project.addConnectedAccount("u2", "github", AccountStatus.ACTIVE, T0);
        ConnectedAccount newestActive = project.addConnectedAccount("u2", "github", AccountStatus.ACTIVE, T0.plusSeconds(60));
        project.addConnectedAccount("u2", "github", AccountStatus.EXPIRED, T0.plusSeconds(120));
        project.addConnectedAccount("u2", "slack", AccountStatus.ACTIVE, T0.plusSeconds(180));

        Response response = upsert("GITHUB_STAR_ADDED_EVENT", "{\"user_id\":\"u2\",\"trigger_config\":{\"owner\":\"o\",\"repo\":\"r\"}}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(project.trigger(response.triggerId()))
                .hasValueSatisfying(t -> assertThat(t.connectedAccountId()).isEqualTo(newestActive.id()));
    }

    @Test
    void userWithoutAnActiveAccountOfTheToolkitIsA400() {
        project.addConnectedAccount("u3", "github", AccountStatus.EXPIRED, T0);

        Response response = upsert("GITHUB_STAR_ADDED_EVENT", "{\"user_id\":\"u3\",\"trigger_config\":{\"owner\":\"o\",\"repo\":\"r\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("message").asText()).contains("u3").contains("github");
    }

    @Test
    void explicitAccountMustExistBeActiveAndOfTheTypesToolkit() {
        ConnectedAccount expired = project.addConnectedAccount("u1", "github", AccountStatus.EXPIRED, T0);
        ConnectedAccount slack = project.addConnectedAccount("u1", "slack", AccountStatus.ACTIVE, T0);
        String config = ",\"trigger_config\":{\"owner\":\"o\",\"repo\":\"r\"}}";

        assertThat(upsert("GITHUB_COMMIT_EVENT", "{\"connected_account_id\":\"ca_missing\"" + config).status()).isEqualTo(400);
        assertThat(upsert("GITHUB_COMMIT_EVENT", "{\"connected_account_id\":\"" + expired.id() + "\"" + config).status()).isEqualTo(400);
        assertThat(upsert("GITHUB_COMMIT_EVENT", "{\"connected_account_id\":\"" + slack.id() + "\"" + config).status()).isEqualTo(400);
        assertThat(project.triggers()).isEmpty();
    }

    @Test
    void invalidConfigListsEveryFailingField() {
        Response missing = upsert("GITHUB_COMMIT_EVENT", "{\"connected_account_id\":\"" + github.id() + "\",\"trigger_config\":{}}");
        Response wrongType = upsert("NOTION_PAGE_ADDED_TO_DATABASE",
                "{\"user_id\":\"u1\",\"trigger_config\":{\"database_id\":\"d\",\"interval\":\"often\"}}");

        assertThat(missing.status()).isEqualTo(400);
        JsonNode error = missing.json().path("error");
        assertThat(error.path("slug").asText()).isEqualTo("TriggerInstance_ConfigInvalid");
        assertThat(error.path("errors")).hasSize(2);
        assertThat(error.path("errors").get(0).asText()).startsWith("owner: ");
        assertThat(error.path("errors").get(1).asText()).startsWith("repo: ");
        assertThat(wrongType.json().path("error").path("errors").get(0).asText()).startsWith("interval: ");
        assertThat(project.triggers()).isEmpty();
    }

    @Test
    void schemaDefaultsAreAppliedBeforeMatchingAndStoring() {
        project.addConnectedAccount("u1", "gmail", AccountStatus.ACTIVE, T0);

        Response bare = upsert("GMAIL_NEW_GMAIL_MESSAGE", "{\"user_id\":\"u1\"}");
        Response explicit = upsert("GMAIL_NEW_GMAIL_MESSAGE",
                "{\"user_id\":\"u1\",\"trigger_config\":{\"interval\":1.0,\"labelIds\":\"INBOX\",\"query\":\"\",\"userId\":\"me\"}}");

        assertThat(bare.status()).isEqualTo(201);
        assertThat(explicit.status()).isEqualTo(200);
        JsonNode stored = get("/api/v3/trigger_instances/active").json().path("items").get(0).path("trigger_config");
        assertThat(stored.path("interval").asInt()).isEqualTo(1);
        assertThat(stored.path("labelIds").asText()).isEqualTo("INBOX");
        assertThat(stored.path("query").asText()).isEmpty();
        assertThat(stored.path("userId").asText()).isEqualTo("me");
    }

    @Test
    void unknownSlugIs404() {
        Response response = upsert("GITHUB_NOPE_EVENT", commitBody("api"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").path("slug").asText()).isEqualTo("TriggerType_NotFound");
    }

    @Test
    void slugMissingFromTheRequestedToolkitVersionIs404() {
        String config = "\"trigger_config\":{\"owner\":\"o\",\"repo\":\"r\"}";
        String old = "{\"connected_account_id\":\"" + github.id() + "\"," + config + ",\"toolkit_versions\":{\"github\":\"20250601_00\"}}";
        String latest = "{\"connected_account_id\":\"" + github.id() + "\"," + config + ",\"toolkit_versions\":\"latest\"}";

        assertThat(upsert("GITHUB_PULL_REQUEST_EVENT", old).status()).isEqualTo(404);
        assertThat(upsert("GITHUB_PULL_REQUEST_EVENT", latest).status()).isEqualTo(201);
        assertThat(upsert("GITHUB_COMMIT_EVENT", old).status()).isEqualTo(201);
    }
}
