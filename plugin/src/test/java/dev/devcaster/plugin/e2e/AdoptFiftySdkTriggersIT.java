package dev.devcaster.plugin.e2e;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.emulator.requests.RequestRecord;
import dev.devcaster.operator.cluster.TestCluster;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.plugin.manifests.ManifestYaml;
import dev.devcaster.plugin.testing.Kubeconfigs;
import dev.devcaster.plugin.testing.Kubectl;
import dev.devcaster.plugin.testing.PluginRun;
import dev.devcaster.plugin.testing.SdkSeed;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise: 50 triggers made with the SDK (several users, toolkits and configs, some
 * disabled, one user with two accounts) become 50 Ready Trigger resources with one export and one
 * apply, and Devcaster sees no create, no delete, no write at all; the ids stay. Then the round trip:
 * with cluster access the export finds everything managed; without it, it writes the same bytes twice.
 */
class AdoptFiftySdkTriggersIT extends EndToEndTest {

    private static final String KEY = "dk_adopt_fifty_6f1d0c";

    @TempDir
    Path tmp;

    @Override
    protected String apiKey() {
        return KEY;
    }

    @Test
    void fiftySdkTriggersBecomeFiftyReadyTriggersWithoutARemoteWrite(TestCluster cluster) {
        Seeded seeded = seedFiftyInstances();
        Map<String, TriggerInstance> before = remote().stream().collect(Collectors.toMap(TriggerInstance::id, i -> i));
        assertThat(before).hasSize(50);
        Path kubeconfig = Kubeconfigs.write(cluster.config(), tmp.resolve("kubeconfig"));
        PluginRun plugin = new PluginRun().env("DEVCASTER_API_KEY", KEY).env("DEVCASTER_BASE_URL", emulator.baseUrl().toString());
        emulator.requestLog().clear();

        PluginRun.Result export = plugin.run("export", "-n", ns, "--kubeconfig", kubeconfig.toString());

        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.err()).contains("exported 50 of 50 trigger instances");
        List<JsonNode> manifests = documents(export.out());
        assertThat(manifests).hasSize(50);
        assertThat(names(manifests)).isSorted().doesNotHaveDuplicates()
            .allSatisfy(n -> assertThat(n).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63));
        assertThat(export.out()).doesNotContain("status:");
        JsonNode bobOld = byTriggerId(manifests, seeded.onBobsOlderAccount);
        assertThat(bobOld.path("spec").path("connectedAccountId").asText()).isEqualTo(seeded.bobOld);
        assertThat(bobOld.path("spec").has("userId")).isFalse();
        JsonNode bobNew = byTriggerId(manifests, seeded.onBobsNewerAccount);
        assertThat(bobNew.path("spec").path("userId").asText()).isEqualTo("bob");
        assertThat(byTriggerId(manifests, seeded.gmailAllDefaults).path("spec").path("triggerConfig").size())
            .as("Gmail's filled-in defaults are not exported").isZero();
        assertThat(byTriggerId(manifests, seeded.gmailInterval5).path("spec").path("triggerConfig").toString())
            .isEqualTo("{\"interval\":5}");
        assertThat(manifests).filteredOn(m -> !m.path("spec").path("enabled").asBoolean()).hasSize(seeded.disabled.size())
            .allSatisfy(m -> assertThat(seeded.disabled).contains(m.path("metadata").path("annotations")
                .path("devcaster.dev/trigger-id").asText()));
        assertThat(manifests).allSatisfy(m -> assertThat(m.path("spec").path("toolkitVersion").asText()).matches("\\d{8}_\\d{2}"));

        try (var op = operator()) {
            Kubectl.Output applied = Kubectl.kubectl(kubeconfig, export.out(), "apply", "-f", "-");
            assertThat(applied.exitCode()).as(applied.toString()).isZero();

            for (JsonNode m : manifests) {
                Trigger ready = triggers.ready(m.path("metadata").path("name").asText());
                assertThat(ready.getStatus().getTriggerId()).as("the instance the annotation names")
                    .isEqualTo(m.path("metadata").path("annotations").path("devcaster.dev/trigger-id").asText());
                assertThat(ready.getStatus().getState().name()).isEqualTo(
                    before.get(ready.getStatus().getTriggerId()).enabled() ? "Enabled" : "Disabled");
            }
        }

        List<RequestRecord> requests = emulator.requestLog().entries();
        assertThat(requests).as("no create").noneMatch(r -> r.endpoint().equals(UPSERT) && r.status() == 201);
        assertThat(requests).as("no delete").noneMatch(r -> r.method().equals("DELETE"));
        assertThat(requests).as("adoption writes nothing remotely").allMatch(r -> r.method().equals("GET"));
        assertThat(remote()).extracting(TriggerInstance::id).containsExactlyInAnyOrderElementsOf(before.keySet());
        assertThat(remote()).allSatisfy(i -> assertThat(i).isEqualTo(before.get(i.id())));

        PluginRun.Result again = plugin.run("export", "-n", ns, "--kubeconfig", kubeconfig.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("nothing to export (0 of 50 trigger instances; 50 already managed by Triggers in the cluster)");
        assertThat(again.err().lines().filter(l -> l.startsWith("skipped ti_") && l.contains("managed by Trigger " + ns + "/")))
            .hasSize(50);

        PluginRun.Result offline1 = plugin.run("export", "-n", ns, "--no-cluster");
        PluginRun.Result offline2 = plugin.run("export", "-n", ns, "--no-cluster");
        assertThat(offline1.exitCode()).isZero();
        assertThat(offline1.out()).isEqualTo(offline2.out()).isEqualTo(export.out());

        PluginRun.Result status = plugin.run("status", "-n", ns, "--kubeconfig", kubeconfig.toString());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out().lines().skip(1)).hasSize(50)
            .allSatisfy(row -> assertThat(row).containsPattern(" True +Synced +ti_\\w+ +(Enabled|Disabled) +ca_\\w+ +none$"));
        assertThat(status.err()).contains("50 Triggers: 50 in sync, 0 drifted, 0 without a remote trigger; 0 of the "
            + "project's 50 trigger instances are recorded by no Trigger in namespace " + ns);

        for (PluginRun.Result run : List.of(export, again, offline1, status)) {
            assertThat(run.all()).doesNotContain(KEY);
        }
    }

    /** What the seeding made that the test looks at by id. */
    private static final class Seeded {
        String bobOld;
        String onBobsOlderAccount;
        String onBobsNewerAccount;
        String gmailAllDefaults;
        String gmailInterval5;
        final List<String> disabled = new ArrayList<>();
    }

    /** 50 instances made by "the SDK": 5 users, 6 toolkits, 10 types, configs with and without defaults, 8 disabled. */
    private Seeded seedFiftyInstances() {
        Seeded seeded = new Seeded();
        account("alice", "github", AccountStatus.ACTIVE, 30);
        account("alice", "slack", AccountStatus.ACTIVE, 30);
        account("alice", "gmail", AccountStatus.ACTIVE, 30);
        ConnectedAccount bobOld = account("bob", "github", AccountStatus.ACTIVE, 60);
        ConnectedAccount bobNew = account("bob", "github", AccountStatus.ACTIVE, 10);
        account("carol", "notion", AccountStatus.ACTIVE, 20);
        account("carol", "gmail", AccountStatus.ACTIVE, 20);
        account("dave", "github", AccountStatus.ACTIVE, 15);
        account("dave", "googledrive", AccountStatus.ACTIVE, 15);
        account("erin", "slack", AccountStatus.ACTIVE, 5);
        seeded.bobOld = bobOld.id();
        SdkSeed sdk = new SdkSeed(emulator.baseUrl(), KEY);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(sdk.forUser("alice", "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "service-" + i)));
        }
        ids.add(sdk.forUser("alice", "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "api", "branch", "main")));
        ids.add(sdk.forUser("alice", "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "web", "branch", "release")));
        for (int i = 0; i < 5; i++) {
            ids.add(sdk.forUser("alice", "github_star_added_event", Map.of("owner", "acme", "repo", "lib-" + i)));
        }
        for (int i = 0; i < 5; i++) {
            ids.add(sdk.onAccount(bobOld.id(), "GITHUB_COMMIT_EVENT", Map.of("owner", "bob-old", "repo", "r" + i)));
        }
        seeded.onBobsOlderAccount = ids.get(ids.size() - 1);
        for (int i = 0; i < 5; i++) {
            ids.add(sdk.forUser("bob", "GITHUB_PULL_REQUEST_EVENT", Map.of("owner", "bob", "repo", "r" + i)));
        }
        seeded.onBobsNewerAccount = ids.get(ids.size() - 1);
        for (String user : List.of("alice", "erin")) {
            for (String slug : List.of("SLACK_RECEIVE_MESSAGE", "SLACK_CHANNEL_CREATED", "SLACK_REACTION_ADDED")) {
                ids.add(sdk.forUser(user, slug, Map.of()));
            }
        }
        seeded.gmailAllDefaults = sdk.forUser("alice", "GMAIL_NEW_GMAIL_MESSAGE", Map.of());
        seeded.gmailInterval5 = sdk.forUser("alice", "GMAIL_NEW_GMAIL_MESSAGE", Map.of("interval", 5));
        ids.add(seeded.gmailAllDefaults);
        ids.add(seeded.gmailInterval5);
        ids.add(sdk.forUser("alice", "GMAIL_NEW_GMAIL_MESSAGE", Map.of("query", "from:billing@acme.com", "interval", 1)));
        ids.add(sdk.forUser("alice", "GMAIL_NEW_GMAIL_MESSAGE", Map.of("labelIds", "SENT", "interval", 1.0)));
        ids.add(sdk.forUser("carol", "GMAIL_NEW_GMAIL_MESSAGE", Map.of()));
        ids.add(sdk.forUser("carol", "GMAIL_NEW_GMAIL_MESSAGE", Map.of("interval", 15, "userId", "me")));
        for (int i = 0; i < 4; i++) {
            ids.add(sdk.forUser("carol", "NOTION_PAGE_ADDED_TO_DATABASE", Map.of("database_id", "db-" + i)));
        }
        ids.add(sdk.forUser("carol", "NOTION_PAGE_ADDED_TO_DATABASE", Map.of("database_id", "db-slow", "interval", 10)));
        for (int i = 0; i < 3; i++) {
            ids.add(sdk.forUser("dave", "GITHUB_ISSUE_ADDED_EVENT", Map.of("owner", "dave", "repo", "tracker-" + i)));
        }
        for (int i = 0; i < 2; i++) {
            ids.add(sdk.forUser("dave", "GITHUB_STAR_ADDED_EVENT", Map.of("owner", "dave", "repo", "star-" + i)));
        }
        ids.add(sdk.forUser("dave", "GOOGLEDRIVE_GOOGLE_DRIVE_CHANGES", Map.of()));
        assertThat(ids).hasSize(50).doesNotHaveDuplicates();
        for (int i = 3; i < ids.size(); i += 6) {
            sdk.disable(ids.get(i));
            seeded.disabled.add(ids.get(i));
        }
        assertThat(seeded.disabled).hasSize(8);
        return seeded;
    }

    static List<JsonNode> documents(String yaml) {
        try {
            return ManifestYaml.readAll(yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> names(List<JsonNode> manifests) {
        return manifests.stream().map(m -> m.path("metadata").path("name").asText()).toList();
    }

    static JsonNode byTriggerId(List<JsonNode> manifests, String id) {
        return manifests.stream().filter(m -> id.equals(m.path("metadata").path("annotations")
            .path("devcaster.dev/trigger-id").asText())).findFirst().orElseThrow(() -> new AssertionError("no manifest for " + id));
    }
}
