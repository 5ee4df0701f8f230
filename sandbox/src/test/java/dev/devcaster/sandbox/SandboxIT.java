package dev.devcaster.sandbox;

import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.sandbox.devcaster.DemoSeed;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sandbox the way the README says ({@code hack/sandbox.sh} from the repository root) on
 * a machine like a platform engineer's: {@code KUBECONFIG} and {@code DEVCASTER_API_KEY} exported,
 * pointing at a cluster and a service that must not be touched. One interactive sandbox serves the
 * tests in order (settled table, loopback, logs, real targets by flag, Ctrl-C); then {@code --once}
 * starts it again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxIT {

    private static final Path ROOT = Path.of(System.getProperty("sandbox.repo.root", "..")).toAbsolutePath().normalize();
    private static final Path STATE = Path.of(System.getProperty("sandbox.it.dir", "target/sandbox-it")).toAbsolutePath();
    private static final Duration SETTLE = Duration.ofMinutes(4);
    /** "A few seconds", with room for a busy 2-core CI machine; about 2 s on an idle one. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    /**
     * The expected settled rows on the local cluster: name, slug, user, trigger id, state, ready,
     * reason. broken-config is not among them: the admission webhook refuses it at apply.
     */
    private static final List<Pattern> SETTLED_ROWS = List.of(
        row("github-commits +GITHUB_COMMIT_EVENT +alice +ti_\\w+ +Enabled +True +Synced"),
        row("github-stars +GITHUB_STAR_ADDED_EVENT +bob +ti_\\w+ +Disabled +True +Synced"),
        row("gmail-inbox +GMAIL_NEW_GMAIL_MESSAGE +alice +ti_\\w+ +Enabled +True +Synced"),
        row("slack-messages +SLACK_RECEIVE_MESSAGE +- +ti_\\w+ +Enabled +True +Synced"));
    /** Without the webhook (a real cluster cannot call this machine), broken-config is stored and reports it. */
    private static final Pattern BROKEN_ROW = row("broken-config  +GITHUB_COMMIT_EVENT +alice +- +- +False +InvalidConfig");
    /** What kubectl apply of examples/invalid shows on the local cluster: the webhook's refusal with the field path. */
    private static final String REFUSAL = "Trigger/broken-config (examples/invalid/github-missing-repo.yaml) rejected by "
        + "the API server: admission webhook \"triggers.devcaster.dev\" denied the request: config does not match the "
        + "schema of GITHUB_COMMIT_EVENT at toolkit version 20250909_00: triggerConfig.repo: required";

    /** What a platform engineer has exported: a cluster and a Devcaster key the sandbox must leave alone. */
    private List<String> engineersEnvironment;
    private Run sandbox;

    @BeforeAll
    void startTheSandboxWithKubeconfigAndApiKeyExported() throws Exception {
        Path bogusKubeconfig = Files.createDirectories(STATE.resolveSibling("sandbox-it-env")).resolve("kubeconfig");
        Files.writeString(bogusKubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: prod, cluster: {server: "https://192.0.2.1:6443"}}]
            users: [{name: prod, user: {token: bogus}}]
            contexts: [{name: prod, context: {cluster: prod, user: prod}}]
            current-context: prod
            """);
        engineersEnvironment = List.of("KUBECONFIG=" + bogusKubeconfig, "DEVCASTER_API_KEY=dk_bogus",
            "DEVCASTER_BASE_URL=http://127.0.0.1:9");
        int emulatorPort = freePort();
        int httpPort = freePort();
        sandbox = Run.start(STATE, engineersEnvironment,
            "--emulator-port", Integer.toString(emulatorPort), "--http-port", Integer.toString(httpPort));
        sandbox.emulatorPort = emulatorPort;
        sandbox.httpPort = httpPort;
        sandbox.awaitLine("Changes to the Triggers show below.", SETTLE);
    }

    @AfterAll
    void stopLeftovers() {
        if (sandbox != null && sandbox.process.isAlive()) {
            sandbox.process.descendants().forEach(ProcessHandle::destroyForcibly);
            sandbox.process.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void settlesTheExamplesOnTheLocalClusterAndTheEmulatorDespiteTheExportedKubeconfigAndApiKey() throws Exception {
        String output = sandbox.output();
        SETTLED_ROWS.forEach(p -> assertThat(p.matcher(output).find()).as("row %s in:\n%s", p, output).isTrue());
        assertThat(output)
            .contains("starting kube-apiserver")
            .contains("Devcaster emulator on http://127.0.0.1:")
            .doesNotContain("192.0.2.1").doesNotContain("127.0.0.1:9/").doesNotContain("using the cluster of")
            .contains(REFUSAL)
            .contains("broken-config refused at apply as intended")
            .contains("admission webhook https://127.0.0.1:")
            .contains("on connected account ca_bob_github_new")
            .contains("--kubeconfig " + STATE.resolve("kubeconfig") + " get triggers -n devcaster-sandbox")
            .contains(" devcaster status -n devcaster-sandbox --kubeconfig " + STATE.resolve("kubeconfig"))
            .contains("x-api-key: " + DemoSeed.API_KEY);

        try (KubernetesClient client = localClient()) {
            List<Trigger> triggers = client.resources(Trigger.class).inNamespace("devcaster-sandbox").list().getItems();
            assertThat(triggers).extracting(t -> t.getMetadata().getName())
                .containsExactlyInAnyOrder("github-commits", "github-stars", "gmail-inbox", "slack-messages");
            assertThat(triggers).allSatisfy(t -> assertThat(t.getStatus().getConditions())
                .anySatisfy(c -> assertThat(c.getType()).isEqualTo("Ready")));
        }
        assertThat(commands(sandbox.process.descendants().toList())).as("kube-apiserver and etcd run under the sandbox")
            .anyMatch(c -> c.endsWith("/kube-apiserver")).anyMatch(c -> c.endsWith("/etcd"));
    }

    /** etcd serves plain HTTP without authentication: nothing the sandbox runs may be reachable from elsewhere. */
    @Test
    @Order(2)
    void everythingItRunsListensOnLoopbackOnly() throws Exception {
        Map<String, List<InetSocketAddress>> listening = new LinkedHashMap<>();
        List<ProcessHandle> all = new ArrayList<>(sandbox.process.descendants().toList());
        all.add(sandbox.process.toHandle());
        for (ProcessHandle p : all) {
            String command = p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
            listening.computeIfAbsent(command, c -> new ArrayList<>()).addAll(ListeningSockets.of(p.pid()));
        }
        assertThat(listening.get("etcd")).as("etcd: client and peer ports").hasSizeGreaterThanOrEqualTo(2);
        assertThat(listening.get("kube-apiserver")).as("kube-apiserver").isNotEmpty();
        assertThat(listening.get("java")).as("the sandbox's JVM: emulator, operator metrics and webhook ports")
            .extracting(InetSocketAddress::getPort).contains(sandbox.emulatorPort, sandbox.httpPort, webhookPort());
        listening.forEach((command, sockets) -> assertThat(sockets).as(command + " listens on")
            .allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress()).as(a.toString()).isTrue()));
    }

    /** kube-apiserver and etcd write to their own log, not into the one of the operator. */
    @Test
    @Order(3)
    void theControlPlaneLogsToItsOwnFile() throws Exception {
        Path controlPlaneLog = STATE.resolve("control-plane.log");
        Path sandboxLog = STATE.resolve("sandbox.log");
        assertThat(sandbox.output())
            .contains("operator  log " + sandboxLog)
            .contains("cluster   log " + controlPlaneLog + " (kube-apiserver, etcd)");
        String controlPlane = Files.readString(controlPlaneLog);
        assertThat(controlPlane).contains("==== etcd: ").contains("==== kube-apiserver: ")
            .contains("\"caller\":\"embed/").as("klog lines of kube-apiserver").containsPattern("(?m)^I\\d{4} ");
        assertThat(Files.readString(sandboxLog)).contains("TriggerReport")
            .doesNotContain("\"caller\":\"embed/").doesNotContainPattern("(?m)^I\\d{4} ");
    }

    /**
     * A real cluster and a real service only with flags. The running sandbox stands in for both; a
     * second one applies the examples to its own namespace there, names the context and server
     * before it connects, and deletes what it applied when it stops.
     */
    @Test
    @Order(4)
    void realTargetsOnlyWithFlagsAndNamedBeforeUse() throws Exception {
        String emulator = sandbox.output().replaceAll("(?s).*Devcaster emulator on (http://127\\.0\\.0\\.1:\\d+).*", "$1");
        Path kubeconfig = STATE.resolve("kubeconfig");
        Run real = Run.start(STATE.resolveSibling("sandbox-it-real"),
            List.of("DEVCASTER_API_KEY=" + DemoSeed.API_KEY, "DEVCASTER_BASE_URL=" + emulator),
            "--once", "--kubeconfig", kubeconfig.toString(), "--real-devcaster", "--namespace", "sandbox-real",
            "--http-port", "0", "--manifests", ROOT.resolve("examples/triggers").toString(),
            "--manifests", ROOT.resolve("examples/invalid").toString());
        try {
            assertThat(real.process.waitFor(SETTLE.toSeconds(), TimeUnit.SECONDS)).as("--once exits").isTrue();
            String output = real.output();
            assertThat(real.process.exitValue()).as("exit code; output:\n%s", output).isZero();
            String server;
            try (KubernetesClient client = localClient()) {
                server = client.getConfiguration().getMasterUrl();
            }
            assertThat(output)
                .contains("using the cluster of " + kubeconfig + ": context devcaster-sandbox, server " + server)
                .contains("using the real Devcaster service at " + emulator)
                .doesNotContain("starting kube-apiserver")
                .doesNotContain("Devcaster emulator on")
                .contains("deleting the 5 Triggers it applied")
                .contains("broken-config (InvalidConfig) failed as intended").doesNotContain("admission webhook");
            assertThat(BROKEN_ROW.matcher(output).find()).as("broken-config row in:\n%s", output).isTrue();
            assertThat(output.indexOf("context devcaster-sandbox, server")).as("named before it connects")
                .isLessThan(output.indexOf("cluster reachable: Kubernetes v"));
            SETTLED_ROWS.forEach(p -> assertThat(p.matcher(output).find()).as("row %s in:\n%s", p, output).isTrue());
        } finally {
            real.process.toHandle().destroyForcibly();
        }
        try (KubernetesClient client = localClient()) {
            assertThat(client.resources(Trigger.class).inNamespace("sandbox-real").list().getItems())
                .as("the applied Triggers are deleted on stop").isEmpty();
        }
    }

    /**
     * Ctrl-C: the terminal sends SIGINT to its whole foreground process group. The sandbox stops the
     * operator first (kube-apiserver still serves it), then the emulator, then kube-apiserver and
     * etcd, which the SIGINT must not have reached; quickly, without a false alarm, leaving nothing.
     */
    @Test
    @Order(5)
    void ctrlCStopsTheOperatorThenTheEmulatorThenTheControlPlaneInSeconds() throws Exception {
        List<ProcessHandle> tree = sandbox.process.descendants().toList();
        List<ProcessHandle> controlPlane = tree.stream()
            .filter(p -> commands(List.of(p)).get(0).matches(".*/(etcd|kube-apiserver)$")).toList();
        assertThat(controlPlane).hasSize(2).allSatisfy(p -> assertThat(processGroup(p))
            .as("process group of %s, outside the sandbox's (%d)", p.info().command().orElse("?"), sandbox.process.pid())
            .isNotEqualTo(sandbox.process.pid()));
        long t0 = System.nanoTime();
        sandbox.pressCtrlC();
        assertThat(sandbox.process.waitFor(60, TimeUnit.SECONDS)).as("stops on Ctrl-C").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.println("[sandbox-it] stop after Ctrl-C took " + took.toMillis() + " ms");
        assertThat(took).as("stop time").isLessThan(STOP_LIMIT);
        assertThat(sandbox.process.exitValue()).as("exit code after SIGINT").isEqualTo(130);
        assertThat(tree).as("left running").noneMatch(ProcessHandle::isAlive);
        sandbox.awaitLine("nothing left running", Duration.ofSeconds(10));
        assertThat(STATE.resolve("sandbox.pid")).doesNotExist();

        String output = sandbox.output();
        String stop = output.substring(output.lastIndexOf("stopping the operator"));
        assertThat(stop).doesNotContain("ERROR").doesNotContain("exited unexpectedly")
            .doesNotContain("had exited before the stop");
        assertInOrder(stop, "the operator stopped", "the emulator stopped", "kube-apiserver + etcd stopped",
            "nothing left running");
        assertInOrder(Files.readString(STATE.resolve("sandbox.log")), "stopped the operator", "stopped the emulator",
            "stopped kube-apiserver (pid", "stopped etcd (pid", "stopped kube-apiserver + etcd");
        assertThat(Files.readString(STATE.resolve("control-plane.log"))).as("etcd got the sandbox's SIGTERM only")
            .contains("\"signal\":\"terminated\"").doesNotContain("\"signal\":\"interrupt\"");
    }

    /** No stale state in the way; --once exits 0 once the Triggers settled as expected. */
    @Test
    @Order(6)
    void startsAgainWithOnce() throws Exception {
        Run again = Run.start(STATE, engineersEnvironment, "--once", "--emulator-port", Integer.toString(freePort()),
            "--http-port", "0");
        assertThat(again.process.waitFor(SETTLE.toSeconds(), TimeUnit.SECONDS)).as("--once exits").isTrue();
        String output = again.output();
        assertThat(again.process.exitValue()).as("exit code; output:\n%s", output).isZero();
        SETTLED_ROWS.forEach(p -> assertThat(p.matcher(output).find()).as("row %s in:\n%s", p, output).isTrue());
        assertThat(output).contains("nothing left running").doesNotContain("192.0.2.1").contains(REFUSAL);
    }

    /** The webhook's port, as the sandbox printed it. */
    private int webhookPort() {
        var m = Pattern.compile("admission webhook https://127\\.0\\.0\\.1:(\\d+)/").matcher(sandbox.output());
        assertThat(m.find()).as("webhook port in the output").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static KubernetesClient localClient() throws IOException {
        return new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(STATE.resolve("kubeconfig")))).build();
    }

    private static void assertInOrder(String text, String... parts) {
        int at = -1;
        for (String part : parts) {
            int next = text.indexOf(part, at + 1);
            assertThat(next).as("'%s' after the parts before it in:\n%s", part, text).isGreaterThan(at);
            at = next;
        }
    }

    /** The process group id: the fifth field of /proc/PID/stat (after the command in parentheses). */
    private static long processGroup(ProcessHandle process) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
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
        /** coreutils 8.31+: env --default-signal. */
        private static final boolean ENV_RESETS_SIGNALS = succeeds("env", "--default-signal=INT", "true");

        final Process process;
        int emulatorPort;
        int httpPort;
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

        /**
         * In a process group of its own, as a terminal runs a foreground job, and with the default
         * SIGINT disposition (a JVM ignores a signal it inherited as ignored, as from a background
         * job of a non-interactive shell that ran Maven).
         *
         * @param vars NAME=value pairs set for the sandbox, on top of an environment without Devcaster or Kubernetes targets
         */
        static Run start(Path stateDir, List<String> vars, String... flags) throws IOException {
            List<String> command = new ArrayList<>(List.of("setsid"));
            if (ENV_RESETS_SIGNALS) {
                command.addAll(List.of("env", "--default-signal=INT"));
            }
            command.addAll(List.of("bash", "hack/sandbox.sh", "--state-dir", stateDir.toString()));
            command.addAll(List.of(flags));
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            List.of("KUBECONFIG", "DEVCASTER_API_KEY", "DEVCASTER_BASE_URL", "DEVCASTER_SANDBOX_ONCE").forEach(env::remove);
            vars.forEach(v -> env.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1)));
            return new Run(builder.start());
        }

        /** What a terminal does on Ctrl-C: SIGINT to the foreground process group (bash execs java: same pid). */
        void pressCtrlC() throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start();
            assertThat(kill.waitFor()).as("kill -INT -- -%d", process.pid()).isZero();
        }

        private static boolean succeeds(String... command) {
            try {
                return new ProcessBuilder(command).start().waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
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
