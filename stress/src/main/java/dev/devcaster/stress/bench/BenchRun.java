package dev.devcaster.stress.bench;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.EmulatorConfig;
import dev.devcaster.operator.kubernetes.ClusterClient;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.stress.process.ControlPlaneBinaries;
import dev.devcaster.stress.process.LocalControlPlane;
import dev.devcaster.stress.process.OperatorProcess;
import dev.devcaster.stress.process.PodIdentity;
import dev.devcaster.stress.process.Sleeps;
import dev.devcaster.stress.process.SourceCommit;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One benchmark run, start to end, every phase on the same control plane and emulator: the
 * SDK-style baseline; the operator's first start with one Trigger; the creation wave; the quiet
 * window; restarts, each with one new Trigger. Phases run one after another, so each phase's difference
 * of counters (emulator calls, API-server writes, CPU) belongs to the one client active in it.
 */
final class BenchRun {

    static final String NAMESPACE = "bench";
    static final String OPERATOR_KEY = "dk_bench_operator";
    static final String SDK_KEY = "dk_bench_sdk";
    /** Where the write probe puts its Triggers before any operator runs; they are deleted again at once. */
    static final String PROBE_NAMESPACE = "bench-probe";
    /** Lets writes that belong to the wave (an Event after the last status) land before the quiet window opens. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    /** Idle enough for a timed start: the idle control plane, emulator and benchmark use about 0.05 cores. */
    private static final double IDLE_CORES = 0.2;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ONE_TRIGGER_TIMEOUT = Duration.ofMinutes(3);

    private final BenchOptions options;
    private final List<String> log = new ArrayList<>();
    private final long runStart = System.nanoTime();

    private BenchRun(BenchOptions options) {
        this.options = options;
    }

    static BenchReport run(BenchOptions options) {
        return new BenchRun(options).execute();
    }

    private BenchReport execute() {
        Path out = options.out().toAbsolutePath().getParent();
        Path logs = out.resolve("logs");
        cleanDir(logs);
        Path repoRoot = OperatorProcess.repoRoot();
        ControlPlaneBinaries binaries = ControlPlaneBinaries.fromSystem().ensure(repoRoot);
        OperatorProcess.Jar jar = OperatorProcess.Jar.fromSystem();
        jar.requirePackaged();
        ChartDefaults chart = ChartDefaults.read(options.values());
        List<String> podFlags = new ArrayList<>(chart.javaToolOptionFlags());
        podFlags.addAll(chart.containerJvmArgs());
        podFlags.addAll(options.extraJvmArgs());
        JvmSizing sizing = JvmSizing.probe(podFlags);
        ImageStart image = options.classDataSharing() ? ImageStart.trained(jar, logs) : ImageStart.without();
        say("image: %s", image.training());
        String operatorJvm = String.format("JAVA_TOOL_OPTIONS=\"%s\" %s %s%s → heap max %.0f MiB, %s",
            chart.javaToolOptions(), String.join(" ", chart.containerJvmArgs()), image.describe(),
            options.extraJvmArgs().isEmpty() ? ""
                : " PLUS NOT THE CHART'S: " + String.join(" ", options.extraJvmArgs()), sizing.maxHeapBytes() / 1048576.0,
            sizing.collector());
        say("chart: %s, limits memory %s cpu %s; operator JVM: %s", options.values(), chart.memoryLimit(),
            chart.cpuLimit(), operatorJvm);
        BenchWorkload workload = new BenchWorkload(options.users());
        // Other work on the machine skews every figure; the report says how busy it was.
        String loadAtStart = loadAverage();
        say("load average %s on %d cores", loadAtStart, Runtime.getRuntime().availableProcessors());

        try (DevcasterEmulator emulator = DevcasterEmulator.start(EmulatorConfig.defaults());
             LocalControlPlane cluster = LocalControlPlane.start(binaries, out);
             // The load (creates, the Ready watch) shares the two cores with what is measured, so it reads
             // and sends as cheaply as the operator does, with the operator's client.
             KubernetesClient load = ClusterClient.of(cluster.client().getConfiguration())) {
            emulator.faults().latency(options.latency());
            workload.seed(emulator.project(OPERATOR_KEY));
            workload.seed(emulator.project(SDK_KEY));
            KubernetesClient client = cluster.client();
            cluster.installCrd(repoRoot.resolve("crds/triggers.devcaster.dev.yaml"));
            prepareNamespaces(client);
            say("cluster ready after %.1fs: %s; emulator %s with %d ms latency per call", cluster.startup().toMillis() / 1000.0,
                cluster.describe(), emulator.baseUrl(), options.latency().toMillis());

            // 1. The SDK-style loop, alone on the machine but for the idle control plane.
            say("SDK-style baseline: %,d triggers one by one (type, accounts, upsert)", options.baselineSample());
            RemoteCalls before = RemoteCalls.snapshot(emulator.requestLog());
            SdkBaseline.Result baseline = new SdkBaseline(emulator.baseUrl(), SDK_KEY)
                .run(workload, options.baselineSample(), options.triggers());
            RemoteCalls baselineCalls = RemoteCalls.snapshot(emulator.requestLog()).since(before);
            say("SDK-style baseline: %.1f s for %,d (%.3f s per trigger, %d calls)%s", baseline.seconds(),
                baseline.sample(), baseline.perTriggerSeconds(), baselineCalls.total(), baseline.projected()
                    ? String.format("; projected %.0f s for %,d", baseline.secondsForN(), baseline.triggers()) : "");

            // 2. The control plane's CPU for a wave's writes with nobody else working: no wave here takes less.
            ApiServerWriteProbe.Result probe = options.writeProbe() > 0 ? writeProbe(client, cluster, workload) : null;

            // The chart's ServiceAccount, bound to cluster-admin here: the chart's own rules are tested by
            // OperatorRbacIT; what matters for the figures is that the operator authenticates as its pod does.
            PodIdentity identity = PodIdentity.create(client, OperatorLaunch.OPERATOR_NAMESPACE, "devcaster-operator",
                "cluster-admin", out);
            OperatorLaunch launch = new OperatorLaunch(options, chart, image, jar, identity, emulator.baseUrl(),
                OPERATOR_KEY, NAMESPACE);
            Map<String, Object> figures = new LinkedHashMap<>();
            Map<String, String> reportedSettings;
            Measurements.FirstReady first;
            Measurements.Wave wave;
            Measurements.Quiet quiet;
            Measurements.Restarts restarts;
            List<FlightRecordingSummary> recordings = new ArrayList<>();
            try (ReadyWatch watch = new ReadyWatch(load, NAMESPACE)) {
                // 2. First start: one Trigger waits for the operator, on a machine done with the probe.
                create(load, workload.extra("first"));
                figures.put("idleBeforeFirstStart", settle("first start"));
                Optional<Path> jfr = options.jfr() ? Optional.of(logs.resolve("operator.jfr")) : Optional.empty();
                Instant launchedAt = Instant.now();
                long launched = System.nanoTime();
                before = RemoteCalls.snapshot(emulator.requestLog());
                OperatorProcess operator = launch.start("operator", logs.resolve("operator.log"), jfr);
                try {
                    if (!watch.await("first", 1, ONE_TRIGGER_TIMEOUT)) {
                        throw new IllegalStateException("the first Trigger was not Ready within " + ONE_TRIGGER_TIMEOUT
                            + "; " + operator.logFile());
                    }
                    first = firstReady(watch, operator, launchedAt, launched, RemoteCalls.snapshot(emulator.requestLog())
                        .since(before));
                    reportedSettings = launch.verifySettings(operator);
                    say("first start: Ready %.2f s after launch (launch → 'starting with' %s s, → 'started' %s s); "
                            + "settings %s",
                        first.launchToReadySeconds(), first.launchToMainSeconds(), first.mainToStartedSeconds(),
                        reportedSettings);

                    // 3. The creation wave.
                    wave = wave(client, load, cluster, emulator, workload, watch, operator);
                    say("wave: %,d of %,d Ready in %.1f s (floor %.1f s, %.2f ×), %.3f remote calls and %.2f API-server "
                            + "writes per Trigger, operator CPU %.1f s, max RSS %d MiB", wave.readyCount(),
                        wave.triggers(), wave.seconds(), wave.floorSeconds(), wave.ratioToFloor(),
                        wave.remoteCallsPerTrigger(), wave.apiWritesPerTrigger(), wave.operatorCpuSeconds(),
                        wave.maxRssKb() / 1024);

                    // 4. Two resync periods with nothing to do.
                    quiet = quiet(client, cluster, emulator, operator, workload);
                    say("quiet %.0f s: remote %s; API-server writes %s", quiet.seconds(), quiet.remoteCalls(),
                        quiet.apiWrites());
                } finally {
                    // 5. SIGTERM, as a rolling update does.
                    long stopping = System.nanoTime();
                    operator.sigterm(Duration.ofSeconds(30));
                    figures.put("stopSeconds", seconds(stopping, System.nanoTime()));
                    operator.close();
                }
                jfr.filter(Files::isRegularFile).ifPresent(f -> recordings.add(FlightRecordingSummary.read(f)));
                List<Measurements.Restart> runs = new ArrayList<>();
                List<MachineIdle.Wait> idle = new ArrayList<>();
                for (int i = 0; i < options.restarts(); i++) {
                    idle.add(settle("restart"));
                    Measurements.Restart restart = restart(load, emulator, workload, watch, launch, logs, recordings, i);
                    runs.add(restart);
                    say("restart %d of %d: the new Trigger Ready %.2f s after launch, %d remote calls (%s)", i + 1,
                        options.restarts(), restart.launchToNewReadySeconds(), restart.remoteTotal(),
                        restart.remoteCalls());
                }
                figures.put("idleBeforeRestarts", idle);
                restarts = new Measurements.Restarts(runs);
            }

            List<Goal> goals = Goals.evaluate(options, sizing, chart, first, wave, quiet, restarts, baseline, probe);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("kubernetes", cluster.describe());
            run.put("commit", SourceCommit.describe(repoRoot));
            run.put("cpus", Runtime.getRuntime().availableProcessors());
            run.put("loadAverageAtStart", loadAtStart);
            run.put("loadAverageAtEnd", loadAverage());
            run.put("chart", chart);
            run.put("operatorJvm", operatorJvm);
            run.put("operatorSettings", reportedSettings);
            figures.put("baseline", baseline);
            figures.put("baselineRemoteCalls", baselineCalls.byEndpoint());
            figures.put("writeProbe", probe);
            figures.put("firstReady", first);
            figures.put("wave", wave);
            figures.put("quiet", quiet);
            figures.put("restart", restarts);
            figures.put("flightRecordings", recordings);
            figures.put("totalSeconds", seconds(runStart, System.nanoTime()));
            return new BenchReport(options, run, goals, figures, List.copyOf(log));
        }
    }

    /** A new Trigger's writes, in a namespace of their own with no operator running; removed again at once. */
    private ApiServerWriteProbe.Result writeProbe(KubernetesClient client, LocalControlPlane cluster,
                                                  BenchWorkload workload) {
        ApiServerWriteProbe.Result probe = new ApiServerWriteProbe(client, cluster.processes(), options.createThreads())
            .run(options.writeProbe(), workload::item, PROBE_NAMESPACE);
        say("write probe: the API server took %,d Triggers' %d writes each (create, finalizer and annotation, status, "
                + "Event) in %.1f s (%.0f writes/s with %d threads), no operator running; kube-apiserver + etcd used "
                + "%.1f ms of CPU per Trigger: at least %.1f s for %,d on %d cores",
            probe.triggers(), ApiServerWriteProbe.WRITES_PER_TRIGGER, probe.seconds(), probe.writesPerSecond(),
            options.createThreads(), probe.controlPlaneMillisPerTrigger(), probe.cpuFloorFor(options.triggers()),
            options.triggers(), probe.cores());
        return probe;
    }

    private Measurements.FirstReady firstReady(ReadyWatch watch, OperatorProcess operator, Instant launchedAt,
                                               long launched, RemoteCalls calls) {
        double toReady = seconds(launched, watch.readyAt("first-0"));
        Optional<Instant> main = OperatorLaunch.loggedAt(operator.logFile(), " Main starting with ");
        Optional<Instant> started = OperatorLaunch.loggedAt(operator.logFile(), " Main started");
        Double toMain = main.map(m -> Duration.between(launchedAt, m).toMillis() / 1000.0).orElse(null);
        Double mainToStarted = main.isPresent() && started.isPresent()
            ? Duration.between(main.get(), started.get()).toMillis() / 1000.0 : null;
        Double startedToReady = started.map(s -> toReady - Duration.between(launchedAt, s).toMillis() / 1000.0)
            .orElse(null);
        return new Measurements.FirstReady(toReady, toMain, mainToStarted, startedToReady, calls.byEndpoint());
    }

    private Measurements.Wave wave(KubernetesClient client, KubernetesClient load, LocalControlPlane cluster,
                                   DevcasterEmulator emulator, BenchWorkload workload, ReadyWatch watch,
                                   OperatorProcess operator) {
        int n = options.triggers();
        ApiServerWrites.Scrape writesBefore = ApiServerWrites.scrape(client);
        RemoteCalls callsBefore = RemoteCalls.snapshot(emulator.requestLog());
        double opCpu = ProcessCpu.seconds(operator.pid());
        double cpCpu = ProcessCpu.seconds(cluster.processes());
        double selfCpu = ProcessCpu.self();
        Map<String, Double> opThreads = ThreadCpu.snapshot(operator.pid());
        Map<String, Double> selfThreads = ThreadCpu.snapshot(ProcessHandle.current().pid());
        Map<String, Double> countersBefore = OperatorCounters.read(operator.httpPort());
        say("wave: creating %,d Triggers with %d threads", n, options.createThreads());

        TriggerCreator.Result created = new TriggerCreator(load, options.createThreads())
            .createAll(n, workload::item, NAMESPACE);
        long start = created.startNanos();
        double createSeconds = created.seconds();
        say("wave: %,d Triggers created in %.1f s (%d create requests); waiting for Ready", n, createSeconds,
            created.attempts());

        boolean all = watch.await("wave", n, options.readyTimeout());
        long[] times = watch.readyTimes("wave");
        long end = all ? times[times.length - 1] : System.nanoTime();
        double waveSeconds = seconds(start, end);
        int half = Math.max(1, (n + 1) / 2);
        Double median = times.length >= half ? seconds(start, times[half - 1]) : null;
        Double firstReady = times.length > 0 ? seconds(start, times[0]) : null;
        // Triggers per second between the 10th and the 90th percentile: the pace once started, before the tail.
        int p10 = n / 10;
        int p90 = Math.max(p10 + 1, n * 9 / 10) - 1;
        Double steadyRate = all && p90 > p10 ? (p90 - p10) / ((times[p90] - times[p10]) / 1e9) : null;
        Sleeps.of(SETTLE);
        ApiServerWrites.Scrape writesAfter = ApiServerWrites.scrape(client);
        Map<String, Long> apiWrites = ApiServerWrites.withoutControlPlane(ApiServerWrites.minus(
            ApiServerWrites.delta(writesBefore.requests(), writesAfter.requests()), Map.of("triggers", created.attempts())));
        RemoteCalls calls = RemoteCalls.snapshot(emulator.requestLog()).since(callsBefore);
        double floor = options.rateLimit() > 0 ? n / options.rateLimit()
            : n * options.latency().toMillis() / 1000.0 / options.concurrency();
        double operatorCpu = ProcessCpu.seconds(operator.pid()) - opCpu;
        double benchmarkCpu = ProcessCpu.self() - selfCpu;
        return new Measurements.Wave(n, times.length, createSeconds, waveSeconds, firstReady, median, steadyRate, floor,
            calls.byEndpoint(),
            calls.total(), calls.writes(), apiWrites,
            ApiServerWrites.withoutControlPlane(writesAfter.meanSecondsSince(writesBefore)),
            ApiServerWrites.withoutControlPlane(ApiServerWrites.delta(writesBefore.reads(), writesAfter.reads())), operatorCpu, ProcessCpu.seconds(cluster.processes()) - cpCpu,
            benchmarkCpu, ThreadCpu.between(opThreads, ThreadCpu.snapshot(operator.pid()), operatorCpu),
            ThreadCpu.between(selfThreads, ThreadCpu.snapshot(ProcessHandle.current().pid()), benchmarkCpu),
            OperatorCounters.delta(countersBefore, OperatorCounters.read(operator.httpPort())),
            operator.peakRssKb().orElse(-1), operator.rssKb().orElse(-1), OperatorJvm.read(operator.httpPort()));
    }

    private Measurements.Quiet quiet(KubernetesClient client, LocalControlPlane cluster, DevcasterEmulator emulator,
                                     OperatorProcess operator, BenchWorkload workload) {
        Duration window = options.resync().multipliedBy(2);
        say("quiet window: %d s, nothing changes", window.toSeconds());
        Map<String, Long> writesBefore = ApiServerWrites.scrape(client).requests();
        RemoteCalls callsBefore = RemoteCalls.snapshot(emulator.requestLog());
        double opCpu = ProcessCpu.seconds(operator.pid());
        long start = System.nanoTime();
        Sleeps.of(window); // a fixed observation window, not a wait for a result
        RemoteCalls calls = RemoteCalls.snapshot(emulator.requestLog()).since(callsBefore);
        Map<String, Long> writes = ApiServerWrites.withoutControlPlane(
            ApiServerWrites.delta(writesBefore, ApiServerWrites.scrape(client).requests()));
        int managed = options.triggers() + 1;
        return new Measurements.Quiet(seconds(start, System.nanoTime()), options.resync().toSeconds(), managed,
            Math.min(workload.users().size(), managed), calls.byEndpoint(), calls.lists(), calls.writes(),
            calls.itemReads(), writes, ProcessCpu.seconds(operator.pid()) - opCpu, operator.rssKb().orElse(-1));
    }

    /** Restart {@code index}: its own new Trigger, process name, log and recording, so no run reads another's. */
    private Measurements.Restart restart(KubernetesClient load, DevcasterEmulator emulator, BenchWorkload workload,
                                         ReadyWatch watch, OperatorLaunch launch, Path logs,
                                         List<FlightRecordingSummary> recordings, int index) {
        String group = "restart" + index;
        BenchWorkload.Item item = workload.extra(group);
        create(load, item);
        int managed = options.triggers() + 2 + index;
        String name = index == 0 ? "operator-restarted" : "operator-restarted-" + index;
        Optional<Path> jfr = options.jfr() ? Optional.of(logs.resolve(name + ".jfr")) : Optional.empty();
        RemoteCalls before = RemoteCalls.snapshot(emulator.requestLog());
        Instant launchedAt = Instant.now();
        long launched = System.nanoTime();
        OperatorProcess operator = launch.start(name, logs.resolve(name + ".log"), jfr);
        try {
            if (!watch.await(group, 1, ONE_TRIGGER_TIMEOUT)) {
                throw new IllegalStateException("the Trigger created while the operator was down was not Ready within "
                    + ONE_TRIGGER_TIMEOUT + "; " + operator.logFile());
            }
            RemoteCalls calls = RemoteCalls.snapshot(emulator.requestLog()).since(before);
            double toReady = seconds(launched, watch.readyAt(item.name()));
            launch.verifySettings(operator);
            Optional<Instant> main = OperatorLaunch.loggedAt(operator.logFile(), " Main starting with ");
            Optional<Instant> started = OperatorLaunch.loggedAt(operator.logFile(), " Main started");
            return new Measurements.Restart(managed, toReady,
                main.map(m -> Duration.between(launchedAt, m).toMillis() / 1000.0).orElse(null),
                main.isPresent() && started.isPresent()
                    ? Duration.between(main.get(), started.get()).toMillis() / 1000.0 : null,
                calls.byEndpoint(), calls.total());
        } finally {
            operator.close();
            jfr.filter(Files::isRegularFile).ifPresent(f -> recordings.add(FlightRecordingSummary.read(f)));
        }
    }

    private static void prepareNamespaces(KubernetesClient client) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
            .serverSideApply();
        // The chart's namespace with the (empty) key vault Secret it creates.
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
            .withName(OperatorLaunch.OPERATOR_NAMESPACE).endMetadata().build()).serverSideApply();
        client.secrets().inNamespace(OperatorLaunch.OPERATOR_NAMESPACE).resource(new SecretBuilder().withNewMetadata()
            .withName(OperatorLaunch.KEY_VAULT_SECRET).endMetadata().build()).serverSideApply();
    }

    private void create(KubernetesClient client, BenchWorkload.Item item) {
        new TriggerCreator(client, 1).create(item, NAMESPACE);
    }

    /** Waits for the machine to be nearly idle before a timed start, and says how long that took. */
    private MachineIdle.Wait settle(String before) {
        MachineIdle.Wait wait = MachineIdle.await(IDLE_CORES, Duration.ofSeconds(1), IDLE_TIMEOUT);
        say(wait.idle() ? "before the %s: the machine was idle after %.0f s" : "before the %s: the machine was still "
            + "busy after %.0f s (%.2f cores); measuring anyway", before, wait.seconds(), wait.lastBusyCores());
        return wait;
    }

    private static double seconds(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 1e6) / 1000.0;
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "(unknown)";
        }
    }

    private synchronized void say(String format, Object... args) {
        String line = String.format("[bench %6.1fs] ", (System.nanoTime() - runStart) / 1e9) + String.format(format, args);
        log.add(line);
        System.out.println(line);
    }

    private static void cleanDir(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }
}
