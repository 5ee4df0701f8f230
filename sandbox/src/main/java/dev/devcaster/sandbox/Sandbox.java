package dev.devcaster.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.EmulatorConfig;
import dev.devcaster.emulator.state.SeedDocument;
import dev.devcaster.operator.app.DevcasterOperator;
import dev.devcaster.operator.config.ConfigException;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.app.Seams;
import dev.devcaster.operator.config.OperatorConfig;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code hack/sandbox.sh}: a local kube-apiserver + etcd, the Devcaster emulator with demo data, the
 * CRD, the operator (in this process) and examples/, with a live table of the Triggers until they
 * settle; then it runs until SIGINT/SIGTERM and stops everything it started. With a kubeconfig or
 * an API key it uses the real cluster or service instead of the local one.
 */
public final class Sandbox {

    static final String DEMO_API_KEY = "dk_sandbox";
    static final String CRD_NAME = "triggers.devcaster.dev";

    private static Logger log;

    private final SandboxOptions options;
    private final Console console;
    private final Path repoRoot;
    /** Held while something starts, and by the shutdown hook: nothing starts after the hook stopped all. */
    private final Object lock = new Object();
    private final Deque<Component> started = new ArrayDeque<>();
    private volatile boolean stopping;
    private volatile boolean operatorRunning;

    private PidFile pidFile;
    private LocalCluster cluster;
    private KubernetesClient client;
    private String clusterDescription;
    private URI devcasterUrl;
    private String apiKey;
    private int healthPort;
    private boolean createdNamespace;
    private List<Expectation> expectations = List.of();
    /** Manifests the API server refused although they were not meant to fail. */
    private List<String> rejectedUnexpectedly = List.of();

    /** @param name shown in "stopping ..." unless null */
    private record Component(String name, Runnable stop) {
    }

    /** Ctrl-C while starting: stop quietly, the hook reports. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopping", null, false, false);
        }
    }

    Sandbox(SandboxOptions options, Console console, Path repoRoot) {
        this.options = options;
        this.console = console;
        this.repoRoot = repoRoot;
    }

    public static void main(String[] args) {
        SandboxOptions options;
        try {
            options = SandboxOptions.parse(args, System.getenv());
        } catch (SandboxException e) {
            System.err.println("sandbox: " + e.getMessage() + "\n  what to do: " + e.todo());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(SandboxOptions.usage());
            return;
        }
        try {
            Files.createDirectories(options.stateDir());
        } catch (IOException e) {
            System.err.println("sandbox: cannot create the state dir " + options.stateDir() + ": " + e.getMessage()
                + "\n  what to do: pass a writable --state-dir");
            System.exit(2);
            return;
        }
        // hack/sandbox.sh knows whether stdout is a terminal ([[ -t 1 ]]); System.console() cannot
        // tell on every JDK (22+ returns one when redirected), so a plain java -jar appends.
        boolean terminal = !options.plain() && "1".equals(System.getenv("DEVCASTER_SANDBOX_TTY"));
        int columns = 0;
        try {
            columns = Integer.parseInt(Objects.requireNonNullElse(System.getenv("COLUMNS"), "0").trim());
        } catch (NumberFormatException e) {
            // unknown width: lines are not cut
        }
        long startedMillisAgo = 0;
        try {
            long since = System.currentTimeMillis()
                - Long.parseLong(Objects.requireNonNullElse(System.getenv("DEVCASTER_SANDBOX_STARTED_MS"), "").trim());
            startedMillisAgo = since >= 0 && since < TimeUnit.HOURS.toMillis(1) ? since : 0;
        } catch (NumberFormatException e) {
            // started without hack/sandbox.sh: the clock starts now
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int code = new Sandbox(options, new Console(out, terminal, columns, startedMillisAgo), repoRoot()).run();
        System.exit(code);
    }

    /** The repository: the jar is {@code <repo>/sandbox/target/devcaster-sandbox.jar}. */
    static Path repoRoot() {
        try {
            Path location = Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = location.getParent().getParent().getParent();
            if (Files.isDirectory(candidate.resolve("crds"))) {
                return candidate;
            }
        } catch (Exception e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    int run() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "sandbox-stop"));
        try {
            header();
            // First, so a second sandbox on the same state dir neither truncates the first one's log
            // nor touches its files.
            pidFile = new PidFile(options.stateDir().resolve("sandbox.pid"), options.k8sBinaries());
            pidFile.claim(console::step);
            startLogging();
            preflight();
            startCluster();
            startDevcaster();
            installCrd();
            ensureNamespace();
            startOperator();
            applyManifests();
            boolean asExpected = watchUntilSettled();
            if (options.once()) {
                return asExpected ? 0 : 1;
            }
            howToTalkToIt();
            followChanges();
            return 0;
        } catch (Stopped e) {
            return 130;
        } catch (SandboxException e) {
            if (!stopping) {
                console.error(e.getMessage(), e.todo());
                if (log != null) {
                    log.error("sandbox failed: {}", e.getMessage(), e);
                }
            }
            return 1;
        } catch (RuntimeException e) {
            if (!stopping) {
                console.error("unexpected failure: " + LocalCluster.rootMessage(e),
                    "see " + options.logFile() + " for details; run again with --once for a non-interactive check");
                if (log != null) {
                    log.error("sandbox failed", e);
                } else {
                    e.printStackTrace();
                }
            }
            return 1;
        }
    }

    // ---- start ---------------------------------------------------------------------------------

    private void header() {
        String cluster = options.localCluster()
            ? "local kube-apiserver " + options.k8sVersion() + " + etcd"
            : "the cluster of " + options.kubeconfig().get() + " (from " + options.kubeconfigSource()
                + ("KUBECONFIG".equals(options.kubeconfigSource()) ? "; --local-cluster for a local one" : "") + ")";
        String devcaster = options.useEmulator() ? "Devcaster emulator with demo data"
            : "the real Devcaster service at " + options.baseUrl() + " (API key from " + options.apiKeySource()
                + ("DEVCASTER_API_KEY".equals(options.apiKeySource()) ? "; --emulator for the emulator" : "") + ")";
        console.println("devcaster sandbox: " + cluster + " + " + devcaster + " + the operator + "
            + options.manifestsOrDefault(repoRoot).stream().map(this::shown).collect(Collectors.joining(", ")));
        console.println("log of everything it runs: " + options.logFile());
    }

    /** Before the first logger exists: everything but the table goes to one file. */
    private void startLogging() {
        System.setProperty("log4j2.configurationFile", "devcaster-sandbox-log4j2.xml");
        System.setProperty("devcaster.sandbox.log", options.logFile().toString());
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        log = LoggerFactory.getLogger(Sandbox.class);
    }

    private void preflight() {
        if (options.useEmulator()) {
            Ports.requireFree(options.emulatorPort(), true, "the Devcaster emulator", "--emulator-port");
        }
        Ports.requireFree(options.httpPort(), false, "the operator's /healthz and /metrics", "--http-port");
        if (options.localCluster()) {
            LocalCluster.requireBinaries(options.k8sBinaries(), options.k8sVersion());
        }
        Manifests.files(options.manifestsOrDefault(repoRoot));
    }

    private void startCluster() {
        synchronized (lock) {
            checkNotStopping();
            if (options.localCluster()) {
                console.step("starting kube-apiserver " + options.k8sVersion() + " + etcd from " + options.k8sBinaries()
                    + " ...");
                long t0 = System.nanoTime();
                cluster = LocalCluster.start(options.k8sBinaries(), options.cacheRoot(), options.k8sVersion(),
                    options.namespace());
                started.push(new Component("kube-apiserver + etcd", cluster::close));
                pidFile.addChildren(cluster.processes());
                cluster.writeKubeconfig(options.kubeconfigFile());
                client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(cluster.kubeconfigYaml())).build();
                started.push(new Component(null, client::close));
                clusterDescription = "kube-apiserver " + client.getKubernetesVersion().getGitVersion() + " + etcd at "
                    + client.getConfiguration().getMasterUrl();
                console.step("cluster ready after " + since(t0) + ": " + clusterDescription);
                watchdog(cluster.processes());
            } else {
                Path kubeconfig = options.kubeconfig().get();
                // Fabric8 reads this property before $KUBECONFIG.
                System.setProperty("kubeconfig", kubeconfig.toAbsolutePath().toString());
                Config config = Config.autoConfigure(null);
                client = new KubernetesClientBuilder().withConfig(config).build();
                started.push(new Component(null, client::close));
                String context = config.getCurrentContext() == null ? "(none)" : config.getCurrentContext().getName();
                try {
                    clusterDescription = "context " + context + " at " + config.getMasterUrl() + " (Kubernetes "
                        + client.getKubernetesVersion().getGitVersion() + ")";
                } catch (KubernetesClientException e) {
                    throw new SandboxException("cannot reach the cluster of " + kubeconfig + " (context " + context + ", "
                        + config.getMasterUrl() + "): " + LocalCluster.rootMessage(e),
                        "check the cluster with kubectl --kubeconfig " + kubeconfig
                            + " get ns, or run with --local-cluster to start a local kube-apiserver", e);
                }
                console.step("using the cluster of " + kubeconfig + ": " + clusterDescription);
            }
        }
    }

    private void startDevcaster() {
        synchronized (lock) {
            checkNotStopping();
            if (!options.useEmulator()) {
                devcasterUrl = options.baseUrl();
                apiKey = options.apiKey().get();
                console.step("using the real Devcaster service at " + devcasterUrl);
                return;
            }
            DevcasterEmulator emulator;
            try {
                emulator = DevcasterEmulator.start(EmulatorConfig.defaults().withPort(options.emulatorPort()));
            } catch (RuntimeException e) {
                if (hasCause(e, BindException.class)) {
                    throw Ports.taken(options.emulatorPort(), "the Devcaster emulator", "--emulator-port");
                }
                throw e;
            }
            started.push(new Component("the emulator", emulator::close));
            emulator.seed(demoSeed());
            devcasterUrl = emulator.baseUrl();
            apiKey = DEMO_API_KEY;
            console.step("Devcaster emulator on " + devcasterUrl + " (API key " + DEMO_API_KEY + "; alice: GitHub, Slack,"
                + " Gmail; bob: two GitHub accounts; carol: an expired GitHub account)");
        }
    }

    static SeedDocument demoSeed() {
        try (InputStream in = Sandbox.class.getResourceAsStream("demo-seed.json")) {
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(Objects.requireNonNull(in, "demo-seed.json"), SeedDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void installCrd() {
        synchronized (lock) {
            checkNotStopping();
            Path file = repoRoot.resolve("crds").resolve(CRD_NAME + ".yaml");
            CustomResourceDefinition crd;
            try (InputStream in = Files.exists(file) ? Files.newInputStream(file)
                : Sandbox.class.getResourceAsStream("/META-INF/fabric8/" + CRD_NAME + "-v1.yml")) {
                crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            try {
                client.apiextensions().v1().customResourceDefinitions().resource(crd)
                    .fieldManager(Manifests.FIELD_MANAGER).forceConflicts().serverSideApply();
                client.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME)
                    .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions().stream()
                        .anyMatch(s -> "Established".equals(s.getType()) && "True".equals(s.getStatus())), 60, TimeUnit.SECONDS);
            } catch (KubernetesClientException e) {
                throw new SandboxException("cannot install the CRD " + CRD_NAME + ": " + LocalCluster.rootMessage(e),
                    "installing a CRD needs cluster-admin rights on a real cluster; install crds/ with an admin"
                        + " account first, or run with --local-cluster", e);
            }
            console.step("CRD " + CRD_NAME + " installed (" + shown(Files.exists(file) ? file : Path.of("operator jar")) + ")");
        }
    }

    private void ensureNamespace() {
        synchronized (lock) {
            checkNotStopping();
            String ns = options.namespace();
            try {
                if (client.namespaces().withName(ns).get() == null) {
                    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                        .create();
                    createdNamespace = true;
                }
            } catch (KubernetesClientException e) {
                throw new SandboxException("cannot create namespace " + ns + ": " + LocalCluster.rootMessage(e),
                    "create it yourself (kubectl create namespace " + ns + ") or pick one you may use with --namespace", e);
            }
        }
    }

    private void startOperator() {
        synchronized (lock) {
            checkNotStopping();
            Map<String, String> env = new HashMap<>();
            env.put(Settings.API_KEY.env(), apiKey);
            env.put(Settings.BASE_URL.env(), devcasterUrl.toString());
            env.put(Settings.WATCH_NAMESPACES.env(), options.namespace());
            env.put(Settings.RESYNC_PERIOD.env(), "30s");
            env.put(Settings.RECHECK_PERIOD.env(), "10s");
            env.put(Settings.HTTP_PORT.env(), Integer.toString(options.httpPort()));
            OperatorConfig config;
            try {
                config = OperatorConfig.from(env);
            } catch (ConfigException e) {
                throw new SandboxException("invalid operator configuration: " + e.getMessage(),
                    "check --base-url / DEVCASTER_BASE_URL and the other flags", e);
            }
            DevcasterOperator operator = DevcasterOperator.create(config, client, Seams.production());
            long t0 = System.nanoTime();
            try {
                operator.start();
            } catch (UncheckedIOException e) {
                throw Ports.taken(config.httpPort(), "the operator's /healthz and /metrics", "--http-port");
            }
            healthPort = operator.httpPort();
            started.push(new Component("the operator", () -> {
                operatorRunning = false;
                operator.close();
            }));
            operatorRunning = true;
            console.step("operator started after " + since(t0) + " (in this process; watches namespace " + options.namespace()
                + "; resync 30s" + (healthPort == 0 ? "" : "; metrics http://127.0.0.1:" + healthPort + "/metrics") + ")");
        }
    }

    private void applyManifests() {
        synchronized (lock) {
            checkNotStopping();
            List<Path> paths = options.manifestsOrDefault(repoRoot);
            Manifests.Result result = Manifests.apply(client, options.namespace(), Manifests.files(paths), repoRoot);
            expectations = result.triggers();
            rejectedUnexpectedly = result.unexpected();
            console.step("applied " + plural(result.applied().size(), "manifest") + " from "
                + paths.stream().map(this::shown).collect(Collectors.joining(", ")) + " to namespace " + options.namespace());
            result.rejected().forEach(r -> console.step("  " + r));
            if (expectations.isEmpty()) {
                throw new SandboxException("no Trigger among the applied manifests",
                    "pass Trigger manifests with --manifests (see examples/triggers)");
            }
        }
    }

    // ---- watch ---------------------------------------------------------------------------------

    private List<TriggerSnapshot> snapshots() {
        return client.resources(Trigger.class).inNamespace(options.namespace()).list().getItems().stream()
            .map(TriggerSnapshot::of)
            .sorted(Comparator.comparing(TriggerSnapshot::name))
            .toList();
    }

    /** The live table until every applied Trigger settled (or the timeout); true when each is as expected. */
    private boolean watchUntilSettled() {
        long t0 = System.nanoTime();
        long deadline = t0 + options.timeout().toNanos();
        long lastNote = t0;
        while (true) {
            checkNotStopping();
            List<TriggerSnapshot> all = snapshots();
            Map<String, TriggerSnapshot> byName = all.stream()
                .collect(Collectors.toMap(TriggerSnapshot::name, t -> t, (a, b) -> a, LinkedHashMap::new));
            List<String> waiting = expectations.stream().map(Expectation::name)
                .filter(n -> !byName.containsKey(n) || !byName.get(n).settled()).toList();
            List<String> table = TriggerTable.render(all, console.width());
            List<String> messages = TriggerTable.messages(all);
            List<String> lines = new ArrayList<>(table);
            if (!messages.isEmpty()) {
                lines.add("");
                lines.addAll(messages);
            }
            int total = expectations.size();
            String heading = "Triggers in namespace " + options.namespace() + ": " + (total - waiting.size()) + "/" + total
                + " settled";
            if (waiting.isEmpty() && console.redraws()) {
                // The last redraw: messages in full below it (wrapping no longer matters), errors included.
                console.table(heading, table);
                console.endTable();
                console.println("");
                messages.forEach(console::println);
            } else {
                console.table(heading, lines);
            }
            if (waiting.isEmpty()) {
                console.endTable();
                return report(byName);
            }
            long now = System.nanoTime();
            if (now > deadline) {
                console.endTable();
                console.error("not settled after " + options.timeout().toSeconds() + "s: " + String.join(", ", waiting),
                    "look at the operator log " + options.logFile() + " and at kubectl describe trigger <name>; "
                        + "--timeout waits longer");
                return false;
            }
            if (!console.redraws() && now - lastNote > TimeUnit.SECONDS.toNanos(10)) {
                lastNote = now;
                console.step("waiting for " + String.join(", ", waiting) + " to settle");
            }
            sleep(1000);
        }
    }

    private boolean report(Map<String, TriggerSnapshot> byName) {
        List<String> mismatches = new ArrayList<>(expectations.stream()
            .map(e -> e.mismatch(byName.get(e.name())))
            .flatMap(Optional::stream).toList());
        rejectedUnexpectedly.forEach(r -> mismatches.add(r + " was rejected by the API server"));
        long ready = expectations.stream().filter(e -> byName.get(e.name()).isReady()).count();
        List<String> failedAsMeant = expectations.stream().filter(Expectation::shouldFail)
            .map(e -> e.name() + " (" + byName.get(e.name()).reason() + ")").toList();
        if (mismatches.isEmpty()) {
            console.step("settled: " + ready + " of " + expectations.size() + " Triggers Ready"
                + (failedAsMeant.isEmpty() ? "" : "; " + String.join(", ", failedAsMeant)
                + " failed as intended: that is what a Trigger with an error looks like"));
            return true;
        }
        console.error("settled, but not as expected: " + String.join("; ", mismatches),
            "look at the operator log " + options.logFile() + " and kubectl describe trigger <name>");
        return false;
    }

    private void howToTalkToIt() {
        Path kubectlBinary = options.k8sBinaries().resolve("kubectl");
        String kubectl = (Files.isExecutable(kubectlBinary) ? kubectlBinary.toString() : "kubectl") + " --kubeconfig "
            + (options.localCluster() ? options.kubeconfigFile() : options.kubeconfig().get().toAbsolutePath());
        String ns = " -n " + options.namespace();
        String key = options.useEmulator() ? "'x-api-key: " + DEMO_API_KEY + "'" : "\"x-api-key: $DEVCASTER_API_KEY\"";
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("The sandbox is running. Talk to it:");
        lines.add("  kubectl   " + kubectl + " get triggers" + ns);
        lines.add("            " + kubectl + " describe trigger broken-config" + ns);
        lines.add("  fix it    " + kubectl + " patch trigger broken-config" + ns
            + " --type merge -p '{\"spec\":{\"triggerConfig\":{\"repo\":\"web\"}}}'");
        lines.add("  Devcaster " + (options.useEmulator() ? "emulator " : "") + devcasterUrl
            + (options.useEmulator() ? " (API key " + DEMO_API_KEY + ")" : ""));
        lines.add("            curl -s -H " + key + " '" + devcasterUrl + "/api/v3/trigger_instances/active?show_disabled=true'");
        if (options.useEmulator()) {
            lines.add("            curl -s " + devcasterUrl + "/_emulator/state      (users, accounts, triggers)");
        }
        lines.add("  operator  log " + options.logFile()
            + (healthPort == 0 ? "" : ", metrics http://127.0.0.1:" + healthPort + "/metrics"));
        lines.add("  stop      Ctrl-C (stops the operator" + (options.useEmulator() ? ", the emulator" : "")
            + (options.localCluster() ? ", kube-apiserver and etcd" : "")
            + (!options.localCluster() || !options.useEmulator()
                ? (options.keep() ? "; --keep: the Triggers stay" : "; deletes the Triggers it applied first") : "")
            + ")");
        lines.add("");
        lines.add("Changes to the Triggers show below.");
        lines.forEach(console::println);
    }

    /** After the table settled: one line per change (someone applied, edited or deleted a Trigger). */
    private void followChanges() {
        Map<String, TriggerSnapshot> previous = index(snapshots());
        while (!stopping) {
            sleep(1000);
            if (stopping) {
                break;
            }
            Map<String, TriggerSnapshot> current;
            try {
                current = index(snapshots());
            } catch (KubernetesClientException e) {
                continue;
            }
            for (TriggerSnapshot t : current.values()) {
                TriggerSnapshot before = previous.get(t.name());
                if (before == null || !before.equals(t)) {
                    console.step(describe(t, before == null));
                }
            }
            for (String gone : previous.keySet()) {
                if (!current.containsKey(gone)) {
                    console.step(gone + ": deleted");
                }
            }
            previous = current;
        }
        sleep(Long.MAX_VALUE);
    }

    private static String describe(TriggerSnapshot t, boolean added) {
        String what = t.settled() ? "Ready=" + t.ready() + " " + t.reason()
            + (t.message() == null ? "" : ": " + t.message()) : "being reconciled";
        return t.name() + (added ? " (new)" : "") + " " + what;
    }

    private static Map<String, TriggerSnapshot> index(List<TriggerSnapshot> all) {
        Map<String, TriggerSnapshot> result = new LinkedHashMap<>();
        all.forEach(t -> result.put(t.name(), t));
        return result;
    }

    /** A dead kube-apiserver or etcd ends the sandbox with a message instead of a table that stops changing. */
    private void watchdog(List<ProcessHandle> processes) {
        Thread thread = new Thread(() -> {
            while (!stopping) {
                for (ProcessHandle p : processes) {
                    if (!p.isAlive()) {
                        sleep(500);
                        if (stopping) {
                            return;
                        }
                        console.error(p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("kube-apiserver")
                            + " (pid " + p.pid() + ") exited unexpectedly",
                            "its output is in " + options.logFile() + "; start the sandbox again");
                        System.exit(1);
                    }
                }
                sleep(1000);
            }
        }, "sandbox-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    // ---- stop ----------------------------------------------------------------------------------

    private void shutdown() {
        stopping = true;
        synchronized (lock) {
            if (started.isEmpty()) {
                if (pidFile != null) {
                    pidFile.delete();
                }
                return;
            }
            console.endTable();
            long t0 = System.nanoTime();
            console.println("");
            console.step("stopping " + started.stream().map(Component::name).filter(Objects::nonNull)
                .collect(Collectors.joining(", ")) + " ...");
            deleteAppliedTriggers();
            while (!started.isEmpty()) {
                Component component = started.pop();
                try {
                    component.stop().run();
                } catch (RuntimeException e) {
                    if (log != null) {
                        log.warn("stopping {} failed", component.name(), e);
                    }
                }
            }
            List<ProcessHandle> left = cluster == null ? List.of() : cluster.processes().stream()
                .filter(p -> {
                    try {
                        p.onExit().get(10, TimeUnit.SECONDS);
                        return false;
                    } catch (Exception e) {
                        return p.isAlive();
                    }
                }).toList();
            if (left.isEmpty()) {
                if (pidFile != null) {
                    pidFile.delete();
                }
                console.step("stopped after " + since(t0) + "; nothing left running");
            } else {
                console.error("still running after stop: " + left.stream().map(p -> "pid " + p.pid())
                        .collect(Collectors.joining(", ")),
                    "kill them (kill -9 <pid>); the next start stops them too");
            }
        }
    }

    /**
     * On a real cluster or service the applied Triggers would outlive the sandbox (with finalizers no
     * operator serves, or remote triggers nobody manages): delete them while the operator still runs.
     */
    private void deleteAppliedTriggers() {
        if ((options.localCluster() && options.useEmulator()) || options.keep() || !operatorRunning
            || expectations.isEmpty()) {
            return;
        }
        try {
            var triggers = client.resources(Trigger.class).inNamespace(options.namespace());
            expectations.forEach(e -> triggers.withName(e.name()).delete());
            console.step("deleting the " + plural(expectations.size(), "Trigger") + " it applied (the operator removes their"
                + " remote triggers; --keep leaves them) ...");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline
                && expectations.stream().anyMatch(e -> triggers.withName(e.name()).get() != null)) {
                sleep(500);
            }
            if (createdNamespace && !options.localCluster()) {
                client.namespaces().withName(options.namespace()).delete();
            }
        } catch (RuntimeException e) {
            console.step("could not delete the applied Triggers: " + LocalCluster.rootMessage(e));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void checkNotStopping() {
        if (stopping) {
            throw new Stopped();
        }
    }

    private String shown(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(repoRoot) ? repoRoot.relativize(absolute).toString() : path.toString();
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String since(long t0) {
        return String.format(java.util.Locale.ROOT, "%.1fs", (System.nanoTime() - t0) / 1e9);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }
}
