package dev.devcaster.stress.chaos;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.EmulatorConfig;
import dev.devcaster.emulator.faults.FaultScope;
import dev.devcaster.emulator.faults.RateLimitHeaders;
import dev.devcaster.emulator.model.MatchKeyMode;
import dev.devcaster.emulator.requests.RequestRecord;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.stress.process.ControlPlaneBinaries;
import dev.devcaster.stress.process.LocalControlPlane;
import dev.devcaster.stress.process.OperatorProcess;
import dev.devcaster.stress.process.Sleeps;
import dev.devcaster.stress.process.SourceCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One chaos run, start to end: a real kube-apiserver + etcd with kube-controller-manager's
 * namespace controller, the emulator, two operator replicas as OS processes with leader election;
 * then the seeded scenario under emulator faults and SIGKILLs of the leader; then, faults off, the
 * wait for the invariants; then the verdict.
 */
public final class ChaosRun {

    private final ChaosOptions options;
    private final Map<String, Object> timings = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private Instant runStart;

    private ChaosRun(ChaosOptions options) {
        this.options = options;
    }

    public static ChaosReport run(ChaosOptions options) {
        return new ChaosRun(options).execute();
    }

    private ChaosReport execute() {
        runStart = Instant.now();
        Path out = options.out().toAbsolutePath();
        Path replicaLogs = out.resolve("replicas");
        cleanDir(replicaLogs);
        Path repoRoot = OperatorProcess.repoRoot();
        ControlPlaneBinaries binaries = ControlPlaneBinaries.fromSystem().ensure(repoRoot);
        OperatorProcess.Jar jar = OperatorProcess.Jar.fromSystem();
        jar.requirePackaged();
        // One stream per purpose, each well mixed from the seed (java.util.Random's first draws follow small seeds).
        SplittableRandom seeds = new SplittableRandom(options.seed());
        Random planRandom = new Random(seeds.nextLong());
        Random runRandom = new Random(seeds.nextLong());
        Random killRandom = new Random(seeds.nextLong());

        EmulatorConfig emulatorConfig = EmulatorConfig.defaults().withRequestLogCapacity(3_000_000)
            .withMatchKeyMode(MatchKeyMode.parse(options.matchKey()));
        try (DevcasterEmulator emulator = DevcasterEmulator.start(emulatorConfig);
             LocalControlPlane cluster = LocalControlPlane.start(binaries, out)) {
            say("cluster ready after %.1fs: %s", cluster.startup().toMillis() / 1000.0, cluster.describe());
            cluster.startNamespaceController(binaries, out.resolve("kube-controller-manager.log"));
            say("kube-controller-manager (namespace, garbage collector) started");
            cluster.installCrd(repoRoot.resolve("crds/triggers.devcaster.dev.yaml"));
            ChaosWorld world = ChaosWorld.create(planRandom, options, emulator);
            world.applyTo(cluster.client());
            Scenario scenario = Scenario.plan(planRandom, options, world);
            say("emulator %s; %d namespaces (default key serves %s; %s will be deleted); %d Triggers planned, %d steps",
                emulator.baseUrl(), world.namespaces.size(), world.defaultKeyNamespaces, world.doomedNamespace,
                scenario.triggers.size(), scenario.steps.size());

            try (Replicas replicas = new Replicas(cluster.client(), 2,
                identity -> operator(jar, cluster, emulator, world, identity), replicaLogs)) {
                replicas.startAll();
                Replicas.Slot first = replicas.awaitLeader(Duration.ofSeconds(60))
                    .orElseThrow(() -> new IllegalStateException("no replica took the Lease within 60 s"));
                say("2 replicas ready %s; leader %s", replicas.describe(), first.identity);
                timings.put("setupSeconds", secondsSince(runStart));

                InstanceHistory history = new InstanceHistory(world);
                ScenarioDriver driver = new ScenarioDriver(cluster.client(), world, scenario, runRandom);
                Instant windowStart = Instant.now();
                StatusWatch statusWatch = new StatusWatch(cluster.client(), windowStart);
                ScheduledExecutorService background = Executors.newScheduledThreadPool(3, r -> {
                    Thread t = new Thread(r, "chaos-background");
                    t.setDaemon(true);
                    return t;
                });
                background.scheduleWithFixedDelay(() -> quietly(() -> {
                    history.sample();
                    replicas.sampleMemory();
                    replicas.reviveExited(windowStart).forEach(w -> say("replica exited on its own: %s", w));
                }), 0, 1, TimeUnit.SECONDS);

                startFaults(emulator);
                if (!options.dropEvery().isZero()) {
                    background.scheduleWithFixedDelay(() -> emulator.faults().dropNext(1),
                        options.dropEvery().toMillis(), options.dropEvery().toMillis(), TimeUnit.MILLISECONDS);
                }
                if (!options.latencySpikeEvery().isZero() && !options.latencySpike().isZero()) {
                    // Calls that start in the next second take longer than the operator waits; Devcaster still does them.
                    background.scheduleWithFixedDelay(() -> {
                        emulator.faults().latency(options.latencySpike());
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // the window closed; the faults are cleared next
                        }
                        emulator.faults().latency(options.latency());
                    }, options.latencySpikeEvery().toMillis() / 2, options.latencySpikeEvery().toMillis(),
                        TimeUnit.MILLISECONDS);
                }
                say("chaos window opens: %ds, faults on (%.0f%% 5xx, %.0f%% 429, %dms latency with %dms spikes every %dms, "
                        + "a drop every %dms), %d kills planned", options.chaosWindow().toSeconds(), options.errorShare() * 100,
                    options.rateLimitShare() * 100, options.latency().toMillis(), options.latencySpike().toMillis(),
                    options.latencySpikeEvery().toMillis(), options.dropEvery().toMillis(), scenario.kills.size());
                if (!scenario.pauses.isEmpty()) {
                    say("%d SIGSTOP/SIGCONT pauses of the leader planned", scenario.pauses.size());
                }

                record Blow(Duration at, boolean pause) {
                }
                List<Blow> blows = new ArrayList<>();
                scenario.kills.forEach(at -> blows.add(new Blow(at, false)));
                scenario.pauses.forEach(at -> blows.add(new Blow(at, true)));
                blows.sort(Comparator.comparing(Blow::at));
                Thread killer = new Thread(() -> {
                    for (Blow blow : blows) {
                        long wait = Duration.between(Instant.now(), windowStart.plus(blow.at())).toMillis();
                        if (wait > 0) {
                            Sleeps.millis(wait);
                        }
                        try {
                            if (blow.pause()) {
                                Replicas.Pause p = replicas.pauseLeader(windowStart, Replicas.LEASE_DURATION.plusSeconds(5));
                                say("SIGSTOP %s (pid %d) at +%.1fs for %.1fs (leader meanwhile: %s); after SIGCONT: %s",
                                    p.identity(), p.pid(), p.atSeconds(), p.pausedSeconds(), p.leaderWhileStopped(),
                                    p.outcome());
                            } else {
                                Replicas.Kill k = replicas.killLeader(windowStart, killRandom);
                                say("SIGKILL %s (pid %d) at +%.1fs; restarted as %s; new leader %s after %.1fs",
                                    k.identity(), k.pid(), k.atSeconds(), k.restartedAs(), k.newLeader(),
                                    k.newLeaderAfterSeconds());
                            }
                        } catch (RuntimeException e) {
                            say("kill failed: %s", e);
                        }
                    }
                }, "chaos-killer");
                killer.start();
                driver.run(windowStart);
                long rest = Duration.between(Instant.now(), windowStart.plus(options.chaosWindow())).toMillis();
                if (rest > 0) {
                    Sleeps.millis(rest);
                }
                joinQuietly(killer);
                background.shutdownNow();
                awaitQuietly(background);
                emulator.faults().clear();
                Instant windowEnd = Instant.now();
                timings.put("chaosWindowSeconds", secondsBetween(windowStart, windowEnd));
                say("chaos window closed after %.1fs: faults cleared; %s", secondsBetween(windowStart, windowEnd),
                    driver.counts());
                driver.plantPendingHostiles();

                ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "chaos-watchdog");
                    t.setDaemon(true);
                    return t;
                });
                watchdog.scheduleWithFixedDelay(() -> quietly(() -> {
                    history.sample();
                    replicas.sampleMemory();
                    replicas.reviveExited(windowStart).forEach(w -> say("replica exited on its own: %s", w));
                }), 0, 1, TimeUnit.SECONDS);
                Invariants invariants = new Invariants(world, scenario, driver, history, windowStart,
                    MatchKeyMode.parse(options.matchKey()) == MatchKeyMode.SLUG_AND_ACCOUNT, statusWatch);
                Convergence convergence = Convergence.await(cluster, world, invariants, windowEnd, options, this::say);
                timings.put("convergeSeconds", convergence.seconds());
                timings.put("converged", convergence.converged());
                history.sample();

                Observation last = Observation.take(cluster.client(), world, true);
                List<RequestRecord> requests = emulator.requestLog().entries();
                List<Invariants.Result> results = invariants.checkAll(last, replicas.logFiles(), requests);
                watchdog.shutdownNow();
                statusWatch.close();
                Map<String, List<String>> evidence = Evidence.collect(results, requests, world, replicas.logFiles(),
                    windowStart);
                timings.put("totalSeconds", secondsSince(runStart));

                Map<String, Object> run = new LinkedHashMap<>();
                run.put("kubernetes", cluster.describe());
                run.put("commit", SourceCommit.describe(repoRoot));
                run.put("cpus", Runtime.getRuntime().availableProcessors());
                run.put("namespaces", world.namespaces);
                run.put("defaultKeyNamespaces", world.defaultKeyNamespaces);
                run.put("deletedNamespace", world.doomedNamespace);
                run.put("orphanAnnotatedNamespace", world.orphanNamespace);
                run.put("scenario", driver.counts());
                run.put("expectations", expectationCounts(last, scenario,
                    MatchKeyMode.parse(options.matchKey()) == MatchKeyMode.SLUG_AND_ACCOUNT));
                run.put("kills", replicas.kills());
                run.put("pauses", replicas.pauses());
                run.put("unexpectedReplicaExits", replicas.unexpectedExits());
                run.put("triggersWithoutSpecSeen", statusWatch.specless());
                run.put("replicas", replicas.describe());
                run.put("requests", requestSummary(requests, windowStart, windowEnd));
                run.put("instancesSeen", history.size());
                run.put("convergenceTrace", convergence.trace());
                run.put("evidence", evidence);
                run.put("accountsExpired", driver.expired());
                run.put("journal", driver.journal());
                run.put("replicaLogs", replicas.logFiles().stream().map(Path::toString).toList());
                return new ChaosReport(options, timings, run, results, List.copyOf(log));
            }
        }
    }

    private OperatorProcess.Builder operator(OperatorProcess.Jar jar, LocalControlPlane cluster, DevcasterEmulator emulator,
                                             ChaosWorld world, String identity) {
        return OperatorProcess.builder(jar)
            .kubeconfig(cluster.kubeconfig())
            .set(Settings.BASE_URL, emulator.baseUrl().toString())
            .set(Settings.API_KEY, world.defaultKey)
            .set(Settings.WATCH_NAMESPACES, String.join(",", world.watchedNamespaces()))
            // The default key serves only these namespaces (the operator reads this setting once it has it).
            .env("DEFAULT_API_KEY_NAMESPACES", String.join(",", world.defaultKeyNamespaces))
            // As the chart's downward API does; the operator's own namespace (Lease, key vault) falls back to it.
            .env("POD_NAMESPACE", ChaosWorld.LEASE_NAMESPACE)
            .env("OPERATOR_NAMESPACE", ChaosWorld.LEASE_NAMESPACE)
            .env("KEY_VAULT_SECRET", ChaosWorld.KEY_VAULT_SECRET)
            .set(Settings.LEADER_ELECTION, "true")
            .set(Settings.LEADER_ELECTION_NAMESPACE, ChaosWorld.LEASE_NAMESPACE)
            .set(Settings.LEADER_ELECTION_LEASE_NAME, Replicas.LEASE_NAME)
            .set(Settings.POD_NAME, identity)
            .set(Settings.RESYNC_PERIOD, options.resync().toSeconds() + "s")
            .set(Settings.RECHECK_PERIOD, options.recheck().toSeconds() + "s")
            .set(Settings.CONCURRENCY, Integer.toString(options.concurrency()))
            .set(Settings.RATE_LIMIT, Double.toString(options.rateLimit()))
            .set(Settings.REQUEST_TIMEOUT, "5s")
            .set(Settings.LOG_LEVEL, options.logLevel())
            .set(Settings.HTTP_PORT, "auto");
    }

    private void startFaults(DevcasterEmulator emulator) {
        var faults = emulator.faults();
        if (options.errorShare() > 0) {
            faults.errorRate(options.errorShare());
        }
        if (options.rateLimitShare() > 0) {
            faults.rateLimitRate(options.rateLimitShare(), RateLimitHeaders.MIXED, 1);
        }
        if (!options.latency().isZero()) {
            faults.latency(options.latency());
        }
        if (options.misroutedShare() > 0) {
            faults.misroutedRate(options.misroutedShare(), FaultScope.of("DELETE", "/api/v3/trigger_instances/manage/{id}"));
        }
    }

    private static Map<String, Object> expectationCounts(Observation o, Scenario scenario, boolean slugAndAccount) {
        Map<String, Integer> counts = new TreeMap<>();
        // Only how many deserve what: which twin keeps an instance does not change the counts.
        Expectations.of(o, scenario, slugAndAccount, (t, id) -> Optional.empty()).values()
            .forEach(e -> counts.merge(e.expect().name(), 1, Integer::sum));
        Map<String, Integer> roles = new TreeMap<>();
        scenario.triggers.values().stream().filter(TriggerModel::live).forEach(m -> roles.merge(m.role.name(), 1, Integer::sum));
        return Map.of("liveByExpectation", counts, "liveByRole", roles);
    }

    private static Map<String, Object> requestSummary(List<RequestRecord> requests, Instant from, Instant to) {
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byEndpoint = new TreeMap<>();
        long inWindow = 0;
        for (RequestRecord r : requests) {
            byEndpoint.merge(r.endpoint(), 1L, Long::sum);
            if (!r.at().isBefore(from) && r.at().isBefore(to)) {
                inWindow++;
                String cls = r.status() == 0 ? "dropped" : r.status() == 429 ? "429" : r.status() >= 500 ? "5xx"
                    : r.status() / 100 + "xx";
                byStatus.merge(cls, 1L, Long::sum);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", requests.size());
        m.put("duringChaosWindow", inWindow);
        m.put("duringChaosWindowByStatus", byStatus);
        m.put("byEndpoint", byEndpoint);
        return m;
    }

    private synchronized void say(String format, Object... args) {
        String line = String.format("[chaos %6.1fs] ", secondsSince(runStart)) + String.format(format, args);
        log.add(line);
        System.out.println(line);
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            System.out.println("[chaos] background: " + e);
        }
    }

    private static void cleanDir(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double secondsSince(Instant from) {
        return secondsBetween(from, Instant.now());
    }

    private static double secondsBetween(Instant from, Instant to) {
        return Math.round(Duration.between(from, to).toMillis() / 100.0) / 10.0;
    }
}
