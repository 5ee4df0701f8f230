package dev.devcaster.operator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.emulator.model.AccountStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TriggerInstancesApiIT extends EmulatorTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMITS = "GITHUB_COMMIT_EVENT";

    private String account;

    @BeforeEach
    void githubAccount() {
        account = activeAccount("user-1", "github", Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void upsertCreatesThenMatches() {
        UpsertTriggerRequest request = new UpsertTriggerRequest(account, repo("acme", "api"),
                Map.of("github", "20250909_00"), null);

        UpsertResult first = client.triggerInstances().upsert(credentials, COMMITS, request);
        UpsertResult second = client.triggerInstances().upsert(credentials, COMMITS, request);

        assertThat(first.created()).isTrue();
        assertThat(first.triggerId()).startsWith("ti_");
        assertThat(second).isEqualTo(new UpsertResult(first.triggerId(), false));
        assertThat(project.triggers()).hasSize(1);
    }

    @Test
    void upsertByUserIdPicksTheUsersAccount() {
        UpsertResult result = client.triggerInstances().upsert(credentials, COMMITS,
                new UpsertTriggerRequest(null, repo("acme", "api"), null, "user-1"));

        assertThat(project.trigger(result.triggerId()).orElseThrow().connectedAccountId()).isEqualTo(account);
    }

    @Test
    void invalidConfigListsEveryFailingField() {
        UpsertTriggerRequest request = new UpsertTriggerRequest(account, JSON.createObjectNode(), null, null);

        assertThatThrownBy(() -> client.triggerInstances().upsert(credentials, COMMITS, request))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error().slug()).isEqualTo("TriggerInstance_ConfigInvalid");
                    assertThat(e.errors()).hasSizeGreaterThanOrEqualTo(2);
                    assertThat(String.join(" ", e.errors())).contains("owner").contains("repo");
                    assertThat(e.getMessage()).contains("owner").contains("POST /trigger_instances/{slug}/upsert");
                });
        assertThat(project.triggers()).isEmpty();
    }

    @Test
    void unknownSlugIsNotFoundAndUnusableAccountIsRejected() {
        String expired = project.addConnectedAccount("user-2", "github", AccountStatus.EXPIRED, null).id();
        String slack = activeAccount("user-1", "slack", null);

        assertThatThrownBy(() -> client.triggerInstances().upsert(credentials, "FOO_BAR",
                new UpsertTriggerRequest(account, repo("a", "b"), null, null)))
                .isInstanceOf(NotFoundException.class);
        for (String unusable : List.of(expired, slack, "ca_missing")) {
            assertThatThrownBy(() -> client.triggerInstances().upsert(credentials, COMMITS,
                    new UpsertTriggerRequest(unusable, repo("a", "b"), null, null)))
                    .isInstanceOfSatisfying(RejectedException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.error().message()).isNotBlank();
                    });
        }
    }

    @Test
    void listsWithFiltersAndHidesDisabledUnlessAsked() {
        String api = upsert(repo("acme", "api"));
        String web = upsert(repo("acme", "web"));
        String slackAccount = activeAccount("user-2", "slack", null);
        String slack = client.triggerInstances().upsert(credentials, "SLACK_RECEIVE_MESSAGE",
                new UpsertTriggerRequest(slackAccount, null, null, null)).triggerId();
        project.disableTrigger(web);

        List<TriggerInstance> enabled = client.triggerInstances().listAll(credentials, TriggerInstanceQuery.enabledOnly());
        List<TriggerInstance> all = client.triggerInstances().listAll(credentials, TriggerInstanceQuery.includingDisabled());

        assertThat(enabled).extracting(TriggerInstance::id).containsExactlyInAnyOrder(api, slack);
        assertThat(all).extracting(TriggerInstance::id).containsExactlyInAnyOrder(api, web, slack);
        TriggerInstance disabled = all.stream().filter(t -> t.id().equals(web)).findFirst().orElseThrow();
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledAt()).isNotNull();
        assertThat(disabled.triggerName()).isEqualTo(COMMITS);
        assertThat(disabled.connectedAccountId()).isEqualTo(account);
        assertThat(disabled.userId()).isEqualTo("user-1");
        assertThat(disabled.triggerConfig().path("repo").asText()).isEqualTo("web");
        assertThat(disabled.createdAt()).isNotNull();
        assertThat(disabled.updatedAt()).isNotNull();

        TriggerInstanceQuery everything = TriggerInstanceQuery.includingDisabled();
        assertThat(ids(everything.withTriggerIds(api, web))).containsExactlyInAnyOrder(api, web);
        assertThat(ids(everything.withConnectedAccountIds(slackAccount))).containsExactly(slack);
        assertThat(ids(everything.withUserIds("user-1"))).containsExactlyInAnyOrder(api, web);
        assertThat(ids(everything.withTriggerNames("SLACK_RECEIVE_MESSAGE"))).containsExactly(slack);
        String slackAuthConfig = client.connectedAccounts().get(credentials, slackAccount).authConfig().id();
        assertThat(ids(everything.withAuthConfigIds(slackAuthConfig))).containsExactly(slack);
    }

    @Test
    void walksMoreThanTwoPages() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            created.add(upsert(repo("acme", "repo-" + i)));
        }
        TriggerInstanceQuery query = TriggerInstanceQuery.includingDisabled().withLimit(10);

        Page<TriggerInstance> first = client.triggerInstances().list(credentials, query, null);
        Page<TriggerInstance> second = client.triggerInstances().list(credentials, query, first.nextCursor());
        List<TriggerInstance> all = client.triggerInstances().listAll(credentials, query);

        assertThat(first.items()).hasSize(10);
        assertThat(second.items()).hasSize(10).doesNotContainAnyElementsOf(first.items());
        assertThat(all).extracting(TriggerInstance::id).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        assertThat(calls("GET /api/v3/trigger_instances/active")).isEqualTo(2 + 3);
    }

    @Test
    void enablesAndDisablesAndRepeatingIsAConflict() {
        String id = upsert(repo("acme", "api"));

        client.triggerInstances().disable(credentials, id);
        assertThat(project.trigger(id).orElseThrow().enabled()).isFalse();
        assertThatThrownBy(() -> client.triggerInstances().disable(credentials, id))
                .isInstanceOf(ConflictException.class);

        client.triggerInstances().enable(credentials, id);
        assertThat(project.trigger(id).orElseThrow().enabled()).isTrue();
        assertThatThrownBy(() -> client.triggerInstances().enable(credentials, id))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.status()).isEqualTo(409));

        assertThatThrownBy(() -> client.triggerInstances().enable(credentials, "ti_missing"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletesAndASecondDeleteIsNotFound() {
        String id = upsert(repo("acme", "api"));

        client.triggerInstances().delete(credentials, id);

        assertThat(project.trigger(id)).isEmpty();
        assertThatThrownBy(() -> client.triggerInstances().delete(credentials, id))
                .isInstanceOf(NotFoundException.class);
    }

    private String upsert(JsonNode config) {
        return client.triggerInstances().upsert(credentials, COMMITS,
                new UpsertTriggerRequest(account, config, null, null)).triggerId();
    }

    private List<String> ids(TriggerInstanceQuery query) {
        return client.triggerInstances().listAll(credentials, query).stream().map(TriggerInstance::id).toList();
    }

    private static JsonNode repo(String owner, String repo) {
        return JSON.valueToTree(Map.of("owner", owner, "repo", repo));
    }
}
