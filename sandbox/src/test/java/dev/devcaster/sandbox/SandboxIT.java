package dev.devcaster.sandbox;

import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.sandbox.devcaster.DemoSeed;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the sandbox the way the README says ({@code hack/sandbox.sh} from the repository root),
 * waits for the settled table, talks to the cluster through the kubeconfig it printed, stops it
 * with SIGTERM and checks that nothing it started is left; then starts it again ({@code --once}).
 */
class SandboxIT {

    private static final Path ROOT = Path.of(System.getProperty("sandbox.repo.root", "..")).toAbsolutePath().normalize();
    private static final Path STATE = Path.of(System.getProperty("sandbox.it.dir", "target/sandbox-it")).toAbsolutePath();
    private static final Duration SETTLE = Duration.ofMinutes(4);

    /** The expected settled rows: name, slug, user, trigger id, state, ready, reason. */
    private static final List<Pattern> SETTLED_ROWS = List.of(
        row("broken-config  +GITHUB_COMMIT_EVENT +alice +- +- +False +InvalidConfig"),
        row("github-commits +GITHUB_COMMIT_EVENT +alice +ti_\\w+ +Enabled +True +Synced"),
        row("github-stars +GITHUB_STAR_ADDED_EVENT +bob +ti_\\w+ +Disabled +True +Synced"),
        row("gmail-inbox +GMAIL_NEW_GMAIL_MESSAGE +alice +ti_\\w+ +Enabled +True +Synced"),
        row("slack-messages +SLACK_RECEIVE_MESSAGE +- +ti_\\w+ +Enabled +True +Synced"));

    private Run run;

    @AfterEach
    void stopLeftover() {
        if (run != null && run.process.isAlive()) {
            run.process.descendants().forEach(ProcessHandle::destroyForcibly);
            run.process.destroyForcibly();
        }
    }

    @Test
    void startsSettlesStopsAndStartsAgain() throws Exception {
        // First start: interactive, stopped with SIGTERM as Ctrl-C would.
        run = Run.start("--emulator-port", Integer.toString(freePort()), "--http-port", Integer.toString(freePort()));
        run.awaitLine("Changes to the Triggers show below.", SETTLE);
        String output = run.output();
        SETTLED_ROWS.forEach(p -> assertThat(p.matcher(output).find()).as("row %s in:\n%s", p, output).isTrue());
        assertThat(output)
            .contains("broken-config (InvalidConfig) failed as intended")
            .contains("triggerConfig.repo: required")
            .contains("on connected account ca_bob_github_new")
            .contains("--kubeconfig " + STATE.resolve("kubeconfig") + " get triggers -n devcaster-sandbox")
            .contains("x-api-key: dk_sandbox");

        try (KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(STATE.resolve("kubeconfig")))).build()) {
            List<Trigger> triggers = client.resources(Trigger.class).inNamespace("devcaster-sandbox").list().getItems();
            assertThat(triggers).extracting(t -> t.getMetadata().getName())
                .containsExactlyInAnyOrder("broken-config", "github-commits", "github-stars", "gmail-inbox", "slack-messages");
            assertThat(triggers).allSatisfy(t -> assertThat(t.getStatus().getConditions())
                .anySatisfy(c -> assertThat(c.getType()).isEqualTo("Ready")));
        }

        List<ProcessHandle> tree = run.process.descendants().toList();
        assertThat(commands(tree)).as("kube-apiserver and etcd run under the sandbox")
            .anyMatch(c -> c.endsWith("/kube-apiserver")).anyMatch(c -> c.endsWith("/etcd"));
        // SIGTERM, as Ctrl-C or a service manager would stop it. (Process.destroy() would also close
        // our end of its stdout and lose its last lines; the handle only sends the signal.)
        run.process.toHandle().destroy();
        assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(tree.stream().filter(ProcessHandle::isAlive).toList()).as("left running").isEmpty());
        run.awaitLine("nothing left running", Duration.ofSeconds(10));
        assertThat(STATE.resolve("sandbox.pid")).doesNotExist();

        // Second start: no stale state in the way; --once exits 0 once the Triggers settled as expected.
        run = Run.start("--once", "--emulator-port", Integer.toString(freePort()), "--http-port", "0");
        assertThat(run.process.waitFor(SETTLE.toSeconds(), TimeUnit.SECONDS)).as("--once exits").isTrue();
        String second = run.output();
        assertThat(run.process.exitValue()).as("exit code; output:\n%s", second).isZero();
        SETTLED_ROWS.forEach(p -> assertThat(p.matcher(second).find()).as("row %s in:\n%s", p, second).isTrue());
        assertThat(second).contains("nothing left running");
    }

    /**
     * With KUBECONFIG and DEVCASTER_API_KEY set it starts neither kube-apiserver nor the emulator. A
     * first sandbox stands in for the real cluster and service; the second one applies the examples
     * to its own namespace there and, stopping, deletes what it applied.
     */
    @Test
    void aKubeconfigAndAnApiKeySkipTheLocalParts() throws Exception {
        Path local = STATE.resolveSibling("sandbox-it-target");
        int emulatorPort = freePort();
        run = Run.start(local, List.of(), "--emulator-port", Integer.toString(emulatorPort), "--http-port", "0");
        run.awaitLine("Changes to the Triggers show below.", SETTLE);
        Run real = Run.start(STATE.resolveSibling("sandbox-it-real"),
            List.of("KUBECONFIG=" + local.resolve("kubeconfig"), "DEVCASTER_API_KEY=" + DemoSeed.API_KEY,
                "DEVCASTER_BASE_URL=http://127.0.0.1:" + emulatorPort),
            "--once", "--namespace", "sandbox-real", "--http-port", "0",
            "--manifests", ROOT.resolve("examples/triggers").toString(), "--manifests", ROOT.resolve("examples/invalid").toString());
        try {
            assertThat(real.process.waitFor(SETTLE.toSeconds(), TimeUnit.SECONDS)).as("--once exits").isTrue();
            String output = real.output();
            assertThat(real.process.exitValue()).as("exit code; output:\n%s", output).isZero();
            assertThat(output)
                .contains("using the cluster of " + local.resolve("kubeconfig"))
                .contains("using the real Devcaster service at http://127.0.0.1:" + emulatorPort)
                .doesNotContain("starting kube-apiserver")
                .doesNotContain("Devcaster emulator on")
                .contains("deleting the 5 Triggers it applied");
            SETTLED_ROWS.forEach(p -> assertThat(p.matcher(output).find()).as("row %s in:\n%s", p, output).isTrue());
        } finally {
            real.process.toHandle().destroyForcibly();
        }
        try (KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(local.resolve("kubeconfig")))).build()) {
            assertThat(client.resources(Trigger.class).inNamespace("sandbox-real").list().getItems())
                .as("the applied Triggers are deleted on stop").isEmpty();
        }
        run.process.toHandle().destroy();
        assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private static Pattern row(String regex) {
        return Pattern.compile("(?m)^" + regex + "$");
    }

    private static List<String> commands(List<ProcessHandle> processes) {
        return processes.stream().map(p -> p.info().command().orElse("")).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code bash hack/sandbox.sh ...} from the repository root, output captured line by line. */
    private static final class Run {
        final Process process;
        private final List<String> lines = new ArrayList<>();

        private Run(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        System.out.println("[sandbox] " + line);
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    System.out.println("[sandbox] (output closed: " + e.getMessage() + ")");
                }
            }, "sandbox-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Run start(String... flags) throws IOException {
            return start(STATE, List.of(), flags);
        }

        /** @param vars NAME=value pairs set for the sandbox */
        static Run start(Path stateDir, List<String> vars, String... flags) throws IOException {
            List<String> command = new ArrayList<>(List.of("bash", "hack/sandbox.sh", "--state-dir", stateDir.toString()));
            command.addAll(List.of(flags));
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            // The local sandbox, whatever the machine running the tests has configured.
            List.of("KUBECONFIG", "DEVCASTER_API_KEY", "DEVCASTER_BASE_URL", "DEVCASTER_SANDBOX_ONCE").forEach(env::remove);
            vars.forEach(v -> env.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1)));
            return new Run(builder.start());
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        void awaitLine(String text, Duration timeout) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .failFast("the sandbox exited early:\n" + text, () -> !process.isAlive() && !output().contains(text))
                .until(() -> output().contains(text));
        }
    }
}
