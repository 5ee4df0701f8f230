package dev.devcaster.plugin.e2e;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.operator.cluster.TestCluster;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.plugin.testing.Kubeconfigs;
import dev.devcaster.plugin.testing.Kubectl;
import dev.devcaster.plugin.testing.SdkSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's commands, as a person types them: kubectl finds plugin/bin/kubectl-devcaster on the
 * PATH, the launcher runs the packaged jar, kubectl applies the folder it wrote, the operator adopts.
 * The transcript is kept in target/launcher-it/ for whoever updates the README.
 */
class LauncherIT extends EndToEndTest {

    private static final String KEY = "dk_launcher_a41f93";
    private static final Path ROOT = Path.of(System.getProperty("plugin.repo.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path work;

    private final StringBuilder transcript = new StringBuilder();
    private Map<String, String> env;

    @Override
    protected String apiKey() {
        return KEY;
    }

    @Test
    void theReadmesCommandsThroughKubectlAndTheLauncher(TestCluster cluster) throws IOException {
        account("alice", "github", AccountStatus.ACTIVE, 30);
        account("alice", "gmail", AccountStatus.ACTIVE, 30);
        var bobOld = account("bob", "github", AccountStatus.ACTIVE, 60);
        account("bob", "github", AccountStatus.ACTIVE, 5);
        SdkSeed sdk = new SdkSeed(emulator.baseUrl(), KEY);
        sdk.forUser("alice", "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "api"));
        sdk.disable(sdk.forUser("alice", "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "web")));
        sdk.forUser("alice", "GMAIL_NEW_GMAIL_MESSAGE", Map.of("interval", 5));
        sdk.onAccount(bobOld.id(), "GITHUB_STAR_ADDED_EVENT", Map.of("owner", "bob", "repo", "dotfiles"));
        sdk.forUser("bob", "GITHUB_STAR_ADDED_EVENT", Map.of("owner", "bob", "repo", "blog"));
        List<String> before = remote().stream().map(TriggerInstance::id).sorted().toList();
        Path kubeconfig = Kubeconfigs.write(cluster.config(), work.resolve("kubeconfig"));
        env = new HashMap<>(Map.of(
            "PATH", ROOT.resolve("plugin/bin") + ":" + Kubectl.binaries() + ":" + System.getenv("PATH"),
            "KUBECONFIG", kubeconfig.toString(),
            "DEVCASTER_API_KEY", KEY,
            "DEVCASTER_BASE_URL", emulator.baseUrl().toString()));

        Kubectl.Output help = sh("kubectl devcaster --help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).startsWith("Bring existing Devcaster triggers under GitOps").contains("Usage: kubectl devcaster");
        assertThat(sh("kubectl plugin list").out()).contains(ROOT.resolve("plugin/bin/kubectl-devcaster").toString());
        assertThat(sh("kubectl __complete devcaster ex").out()).startsWith("export\n:4\n");
        emulator.requestLog().clear();

        try (var op = operator()) {
            Kubectl.Output export = sh("kubectl devcaster export --output-dir triggers -n " + ns);
            assertThat(export.exitCode()).as(export.toString()).isZero();
            assertThat(export.err()).contains("exported 5 of 5 trigger instances to triggers/ (5 files and kustomization.yaml)");
            Kubectl.Output apply = sh("kubectl apply -k triggers");
            assertThat(apply.exitCode()).as(apply.toString()).isZero();
            assertThat(apply.out().lines()).hasSize(5).allSatisfy(l -> assertThat(l).endsWith(" created"));
            Kubectl.Output wait = sh("kubectl wait --for=condition=Ready trigger --all -n " + ns + " --timeout=60s");
            assertThat(wait.exitCode()).as(wait.toString()).isZero();
            Kubectl.Output status = sh("kubectl devcaster status -n " + ns);
            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.out().lines().skip(1)).hasSize(5).allSatisfy(l -> assertThat(l).contains(" True ").endsWith(" none"));
            Kubectl.Output get = sh("kubectl get triggers -n " + ns);
            assertThat(get.out().lines().skip(1)).hasSize(5).allSatisfy(l -> assertThat(l).contains("True").contains("Synced"));
            Kubectl.Output again = sh("kubectl devcaster export --output-dir triggers -n " + ns);
            assertThat(again.err()).contains("nothing to export (0 of 5 trigger instances; 5 already managed by Triggers in the cluster)");
        }
        assertThat(emulator.requestLog().entries()).allMatch(r -> r.method().equals("GET"));
        assertThat(remote().stream().map(TriggerInstance::id).sorted().toList()).isEqualTo(before);

        env.put("DEVCASTER_API_KEY", "dk_not_this_one_7d1e");
        Kubectl.Output rejected = sh("kubectl devcaster export --no-cluster");
        env.put("DEVCASTER_API_KEY", KEY);
        env.put("DEVCASTER_BASE_URL", "http://127.0.0.1:9");
        Kubectl.Output unreachable = sh("kubectl devcaster status -n " + ns);
        assertThat(rejected.exitCode()).isEqualTo(3);
        assertThat(rejected.err()).startsWith("not looking for Triggers").contains("error: Devcaster rejected the API key");
        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(transcript.toString()).as("the key, in anything the processes printed (logs included)")
            .doesNotContain(KEY).doesNotContain("dk_not_this_one_7d1e");
        Files.createDirectories(ROOT.resolve("plugin/target/launcher-it"));
        Files.writeString(ROOT.resolve("plugin/target/launcher-it/transcript.txt"), transcript);
    }

    /** One command line, as bash runs it in the work folder, recorded with what it printed. */
    private Kubectl.Output sh(String commandLine) {
        Kubectl.Output output = Kubectl.run(List.of("bash", "-c", commandLine), env, null, work);
        transcript.append("$ ").append(commandLine).append('\n').append(output.out()).append(output.err())
            .append("(exit ").append(output.exitCode()).append(")\n\n");
        return output;
    }
}
