package dev.devcaster.plugin.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.operator.cluster.TestCluster;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.plugin.testing.Kubeconfigs;
import dev.devcaster.plugin.testing.PluginRun;
import dev.devcaster.plugin.testing.SdkSeed;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.devcaster.plugin.e2e.AdoptFiftySdkTriggersIT.byTriggerId;
import static dev.devcaster.plugin.e2e.AdoptFiftySdkTriggersIT.documents;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code kubectl devcaster export}: filters, where the key comes from, and the instances it will not write. */
class ExportIT extends EndToEndTest {

    private static final String KEY = "dk_export_5e0b27";

    @TempDir
    Path tmp;

    private SdkSeed sdk;
    private String aliceCommits;
    private String aliceCommitsDisabled;
    private String aliceGmail;
    private String bobSlack;

    @Override
    protected String apiKey() {
        return KEY;
    }

    @BeforeEach
    void seed() {
        account("alice", "github", AccountStatus.ACTIVE, 10);
        account("alice", "gmail", AccountStatus.ACTIVE, 10);
        account("bob", "slack", AccountStatus.ACTIVE, 10);
        sdk = new SdkSeed(emulator.baseUrl(), KEY);
        aliceCommits = sdk.forUser("alice", "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "api"));
        aliceCommitsDisabled = sdk.forUser("alice", "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "web"));
        sdk.disable(aliceCommitsDisabled);
        aliceGmail = sdk.forUser("alice", "GMAIL_NEW_GMAIL_MESSAGE", Map.of("query", "label:urgent"));
        bobSlack = sdk.forUser("bob", "SLACK_RECEIVE_MESSAGE", Map.of());
    }

    private PluginRun plugin() {
        return new PluginRun().env("DEVCASTER_API_KEY", KEY).env("DEVCASTER_BASE_URL", emulator.baseUrl().toString());
    }

    private static List<String> ids(PluginRun.Result run) {
        return documents(run.out()).stream()
            .map(m -> m.path("metadata").path("annotations").path("devcaster.dev/trigger-id").asText()).sorted().toList();
    }

    private static List<String> sorted(String... ids) {
        return java.util.Arrays.stream(ids).sorted().toList();
    }

    @Test
    void filtersByUserToolkitSlugAndState() {
        assertThat(ids(plugin().run("export", "--no-cluster", "--user", "alice")))
            .isEqualTo(sorted(aliceCommits, aliceCommitsDisabled, aliceGmail));
        assertThat(ids(plugin().run("export", "--no-cluster", "--toolkit", "github,slack")))
            .isEqualTo(sorted(aliceCommits, aliceCommitsDisabled, bobSlack));
        assertThat(ids(plugin().run("export", "--no-cluster", "--slug", "gmail_new_gmail_message")))
            .containsExactly(aliceGmail);
        assertThat(ids(plugin().run("export", "--no-cluster", "--disabled"))).containsExactly(aliceCommitsDisabled);
        assertThat(ids(plugin().run("export", "--no-cluster", "--enabled", "--user", "alice", "--toolkit", "github")))
            .containsExactly(aliceCommits);
    }

    @Test
    void writesAFolderForKustomizeWithTheSpecFieldsAsked() throws Exception {
        Path dir = tmp.resolve("gitops/triggers");

        PluginRun.Result run = plugin().run("export", "--no-cluster", "--output-dir", dir.toString(), "-n", "team-a",
            "--credentials-secret", "devcaster-credentials", "--deletion-policy", "orphan", "--toolkit-version", "latest",
            "--keep-defaults");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("exported 4 of 4 trigger instances to " + dir + "/ (4 files and kustomization.yaml)",
            "next: kubectl apply -k " + dir);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).hasSize(5).contains("kustomization.yaml")
                .allSatisfy(f -> assertThat(f).endsWith(".yaml"));
        }
        JsonNode gmail = documents(Files.readString(dir.resolve("gmail-new-gmail-message-alice-" + aliceGmail.substring(
            aliceGmail.length() - 6) + ".yaml"))).get(0);
        assertThat(gmail.path("metadata").path("namespace").asText()).isEqualTo("team-a");
        assertThat(gmail.path("spec").path("toolkitVersion").asText()).isEqualTo("latest");
        assertThat(gmail.path("spec").path("deletionPolicy").asText()).isEqualTo("Orphan");
        assertThat(gmail.path("spec").path("credentialsSecretRef").toString())
            .isEqualTo("{\"name\":\"devcaster-credentials\",\"key\":\"apiKey\"}");
        assertThat(gmail.path("spec").path("triggerConfig").size()).as("--keep-defaults").isEqualTo(4);
        assertThat(Files.readString(dir.resolve("kustomization.yaml"))).contains("resources:\n  - github-commit-event-alice-");
    }

    @Test
    void theKeyCanComeFromASecretAndNeverShows(TestCluster cluster) {
        Path kubeconfig = Kubeconfigs.write(cluster.config(), tmp.resolve("kubeconfig"));
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("devcaster").endMetadata()
            .withStringData(Map.of("apiKey", KEY + "\n", "other", KEY, "wrong", "dk_wrong_c0ffee")).build()).create();
        PluginRun noEnvKey = new PluginRun().env("DEVCASTER_BASE_URL", emulator.baseUrl().toString());

        PluginRun.Result fromSecret = noEnvKey.run("export", "--no-cluster", "--kubeconfig", kubeconfig.toString(),
            "--api-key-secret", ns + "/devcaster");
        PluginRun.Result otherKey = noEnvKey.run("export", "--no-cluster", "--kubeconfig", kubeconfig.toString(),
            "--api-key-secret", ns + "/devcaster:other");
        PluginRun.Result wrong = noEnvKey.run("export", "--no-cluster", "--kubeconfig", kubeconfig.toString(),
            "--api-key-secret", ns + "/devcaster:wrong");
        PluginRun.Result missingSecret = noEnvKey.run("export", "--no-cluster", "--kubeconfig", kubeconfig.toString(),
            "--api-key-secret", ns + "/nope");
        PluginRun.Result missingKey = noEnvKey.run("export", "--no-cluster", "--kubeconfig", kubeconfig.toString(),
            "--api-key-secret", ns + "/devcaster:absent");
        PluginRun.Result unreachable = new PluginRun().env("DEVCASTER_API_KEY", KEY)
            .env("DEVCASTER_BASE_URL", "http://127.0.0.1:9").run("export", "--no-cluster");

        assertThat(fromSecret.exitCode()).as(fromSecret.toString()).isZero();
        assertThat(ids(fromSecret)).hasSize(4);
        assertThat(otherKey.out()).isEqualTo(fromSecret.out());
        assertThat(wrong.exitCode()).isEqualTo(3);
        assertThat(wrong.err()).contains("error: Devcaster rejected the API key");
        assertThat(missingSecret.exitCode()).isEqualTo(3);
        assertThat(missingSecret.err()).contains("error: Secret " + ns + "/nope not found");
        assertThat(missingKey.exitCode()).isEqualTo(3);
        assertThat(missingKey.err()).contains("has no key absent");
        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.err()).contains("error: Devcaster: ").contains("GET /trigger_instances/active");
        for (PluginRun.Result run : List.of(fromSecret, otherKey, wrong, missingSecret, missingKey, unreachable)) {
            assertThat(run.all()).doesNotContain(KEY).doesNotContain("dk_wrong_c0ffee");
        }
    }

    @Test
    void anInstanceTheOperatorWouldNotAdoptIsNotWrittenAndAStuckAccountIsSaid() {
        var carol = account("carol", "github", AccountStatus.ACTIVE, 10);
        String onExpired = sdk.onAccount(carol.id(), "GITHUB_STAR_ADDED_EVENT", Map.of("owner", "carol", "repo", "x"));
        project.setAccountStatus(carol.id(), AccountStatus.EXPIRED);
        // Stored without the defaults Devcaster fills in: no Trigger declares exactly this config.
        project.replaceTriggerConfig(aliceGmail, Map.of("query", "label:urgent"));

        PluginRun.Result run = plugin().run("export", "--no-cluster");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(ids(run)).isEqualTo(sorted(aliceCommits, aliceCommitsDisabled, bobSlack, onExpired));
        assertThat(run.err()).contains("warning: " + aliceGmail + " not exported: its stored config is not what a Trigger "
            + "declares with the defaults of GMAIL_NEW_GMAIL_MESSAGE at toolkit version 20250905_00 applied");
        assertThat(run.err()).contains("exported 4 of 5 trigger instances; 1 not exported (warnings above)");
        JsonNode expired = byTriggerId(documents(run.out()), onExpired);
        assertThat(expired.path("spec").path("connectedAccountId").asText()).isEqualTo(carol.id());
        assertThat(run.err()).contains("connected account " + carol.id() + " is EXPIRED: the Trigger will report "
            + "ConnectedAccountNotActive");
        assertThat(run.out()).contains("# warning: connected account " + carol.id() + " is EXPIRED");
    }
}
