package dev.devcaster.plugin.e2e;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.operator.cluster.TestCluster;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.plugin.testing.Kubeconfigs;
import dev.devcaster.plugin.testing.Kubectl;
import dev.devcaster.plugin.testing.PluginRun;
import dev.devcaster.plugin.testing.SdkSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.devcaster.plugin.e2e.AdoptFiftySdkTriggersIT.byTriggerId;
import static dev.devcaster.plugin.e2e.AdoptFiftySdkTriggersIT.documents;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code kubectl devcaster status}: each Trigger beside its remote trigger, and what drifted while no operator ran. */
class StatusIT extends EndToEndTest {

    private static final String KEY = "dk_status_91c2aa";

    @TempDir
    Path tmp;

    @Override
    protected String apiKey() {
        return KEY;
    }

    @Test
    void showsStateAccountAndDriftOfEveryTrigger(TestCluster cluster) {
        var alice = account("alice", "github", AccountStatus.ACTIVE, 10);
        account("alice", "gmail", AccountStatus.ACTIVE, 10);
        SdkSeed sdk = new SdkSeed(emulator.baseUrl(), KEY);
        String configDrift = sdk.forUser("alice", "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "api"));
        String disabledRemotely = sdk.forUser("alice", "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "web"));
        String deletedRemotely = sdk.forUser("alice", "GITHUB_STAR_ADDED_EVENT", Map.of("owner", "acme", "repo", "api"));
        String untouched = sdk.forUser("alice", "GMAIL_NEW_GMAIL_MESSAGE", Map.of("interval", 5));
        Path kubeconfig = Kubeconfigs.write(cluster.config(), tmp.resolve("kubeconfig"));
        PluginRun plugin = new PluginRun().env("DEVCASTER_API_KEY", KEY).env("DEVCASTER_BASE_URL", emulator.baseUrl().toString());
        String yaml = plugin.run("export", "-n", ns, "--no-cluster").out();
        var manifests = documents(yaml);
        try (var op = operator()) {
            assertThat(Kubectl.kubectl(kubeconfig, yaml, "apply", "-f", "-").exitCode()).isZero();
            manifests.forEach(m -> triggers.ready(m.path("metadata").path("name").asText()));
            Kubectl.Output invalid = Kubectl.kubectl(kubeconfig, """
                apiVersion: devcaster.dev/v1alpha1
                kind: Trigger
                metadata: {name: never-synced}
                spec: {slug: GITHUB_COMMIT_EVENT, userId: alice, triggerConfig: {owner: acme}}
                """, "apply", "-n", ns, "-f", "-");
            assertThat(invalid.exitCode()).isZero();
            triggers.reason("never-synced", "InvalidConfig");
        }
        // With no operator running, others change the remote triggers; one more is made with the SDK.
        project.replaceTriggerConfig(configDrift, Map.of("owner", "acme", "repo", "api-v2"));
        project.disableTrigger(disabledRemotely);
        project.deleteTrigger(deletedRemotely);
        sdk.forUser("alice", "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "unmanaged"));

        PluginRun.Result status = plugin.run("status", "-n", ns, "--kubeconfig", kubeconfig.toString());

        assertThat(status.exitCode()).as(status.toString()).isZero();
        List<String> rows = status.out().lines().toList();
        assertThat(rows.get(0)).matches("NAME +SLUG +READY +REASON +TRIGGER ID +REMOTE +ACCOUNT +DRIFT");
        assertThat(row(rows, name(manifests, configDrift))).matches(".* True +Synced +" + configDrift + " +Enabled +"
            + alice.id() + " +config");
        assertThat(row(rows, name(manifests, disabledRemotely))).matches(".* " + disabledRemotely + " +Disabled +"
            + alice.id() + " +enabled");
        assertThat(row(rows, name(manifests, deletedRemotely))).matches(".* " + deletedRemotely + " +missing +- +missing");
        assertThat(row(rows, name(manifests, untouched))).matches(".* " + untouched + " +Enabled +ca_\\w+ +none");
        assertThat(row(rows, "never-synced")).matches("never-synced +GITHUB_COMMIT_EVENT +False +InvalidConfig +- +- +- +-");
        assertThat(status.err()).contains("5 Triggers: 1 in sync, 3 drifted, 1 without a remote trigger; 1 of the "
            + "project's 4 trigger instances are recorded by no Trigger in namespace " + ns
            + " (kubectl devcaster export writes Triggers for them)");

        PluginRun.Result all = plugin.run("get", "-A", "--kubeconfig", kubeconfig.toString());
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out().lines().findFirst().orElseThrow()).startsWith("NAMESPACE ");
        assertThat(all.out()).contains(ns + " ");
        assertThat(status.all() + all.all()).doesNotContain(KEY);
    }

    private static String name(List<com.fasterxml.jackson.databind.JsonNode> manifests, String id) {
        return byTriggerId(manifests, id).path("metadata").path("name").asText();
    }

    private static String row(List<String> rows, String name) {
        return rows.stream().filter(r -> r.startsWith(name + " ")).findFirst()
            .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + String.join("\n", rows)));
    }
}
