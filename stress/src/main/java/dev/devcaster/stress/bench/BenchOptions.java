package dev.devcaster.stress.bench;

import dev.devcaster.stress.process.ProgramProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one benchmark run does, from system properties {@code bench.*} (or {@code bench.x=y} /
 * {@code --x=y} arguments).
 *
 * @param triggers       N: Triggers of the creation wave
 * @param rateLimit      the operator's DEVCASTER_RATE_LIMIT (calls/s per key; 0 = off); the floor is N / rateLimit
 * @param latency        the emulator's fixed latency on every call
 * @param concurrency    the operator's RECONCILE_CONCURRENCY (default: the chart's)
 * @param resync         the operator's RESYNC_PERIOD; the quiet window lasts two of them
 * @param baselineSample triggers the SDK-style loop really creates (default min(N, 1000)); the rest is projected
 * @param users          end users the Triggers are spread over (each one ACTIVE GitHub account)
 * @param createThreads  threads creating the wave's Triggers (as fast as the API server takes them)
 * @param writeProbe     Triggers taken through a new Trigger's four API-server writes (and deleted) before
 *                       the operator runs, to measure the control plane's CPU for them (default min(N, 1000);
 *                       0 = off)
 * @param extraJvmArgs   flags added to the operator's JVM after the chart's, for experiments (e.g. another collector);
 *                       the run then no longer measures the chart's defaults, and the report says so
 * @param jfr            record the operator with Java Flight Recorder and summarise hot methods and GC
 * @param classDataSharing start the operator with the image's class data archive, trained as the image's build
 *                       trains it (default); false measures a JVM without it
 * @param restarts       restarts measured one after another, each with one new Trigger; the goal judges their
 *                       median (one start is one sample of a noisy figure)
 * @param readyTimeout   how long the wave may take before the run gives up
 * @param out            the JSON report; logs, kubeconfig and recordings go beside it
 * @param values         the chart's values.yaml (JVM flags, limits, defaults)
 */
public record BenchOptions(int triggers, double rateLimit, Duration latency, int concurrency, Duration resync,
                           int baselineSample, int users, int createThreads, int writeProbe,
                           List<String> extraJvmArgs, boolean jfr, boolean classDataSharing, int restarts,
                           Duration readyTimeout, Path out, Path values) {

    public BenchOptions {
        if (triggers < 1) {
            throw new IllegalArgumentException("bench.triggers must be at least 1");
        }
        if (rateLimit < 0) {
            throw new IllegalArgumentException("bench.rateLimit must be 0 (off) or more");
        }
        if (baselineSample < 1 || baselineSample > triggers) {
            throw new IllegalArgumentException("bench.baselineSample must be between 1 and bench.triggers");
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("bench.restarts must be at least 1");
        }
    }

    /** Reads {@code bench.*} system properties and arguments; {@code chartValues} gives the concurrency default. */
    public static BenchOptions fromSystem(Path repoRoot, String... args) {
        Map<String, String> values = ProgramProperties.read("bench", args);
        return from(values, repoRoot);
    }

    static BenchOptions from(Map<String, String> values, Path repoRoot) {
        ProgramProperties p = new ProgramProperties(values);
        Path chartValues = Path.of(p.text("bench.values",
            repoRoot.resolve("helm/devcaster-operator/values.yaml").toString()));
        int triggers = p.integer("bench.triggers", 1000);
        double rateLimit = p.decimal("bench.rateLimit", 100);
        Optional<String> concurrency = p.get("bench.concurrency");
        // Generous: ten times the floor, at least ten minutes; a run that needs it has failed its goal anyway.
        long floorSeconds = rateLimit > 0 ? (long) Math.ceil(triggers / rateLimit) : triggers / 10;
        return new BenchOptions(
            triggers,
            rateLimit,
            Duration.ofMillis(p.integer("bench.latencyMs", 50)),
            concurrency.map(c -> Integer.parseInt(c.trim())).orElseGet(() -> ChartDefaults.read(chartValues).concurrency()),
            Duration.ofSeconds(p.integer("bench.resyncSeconds", 60)),
            p.integer("bench.baselineSample", Math.min(triggers, 1000)),
            p.integer("bench.users", 10),
            p.integer("bench.createThreads", 4),
            p.integer("bench.writeProbe", Math.min(triggers, 1000)),
            Arrays.stream(p.text("bench.operatorJvmArgs", "").trim().split("\\s+"))
                .filter(a -> !a.isEmpty()).toList(),
            Boolean.parseBoolean(p.text("bench.jfr", "false").trim()),
            Boolean.parseBoolean(p.text("bench.classDataSharing", "true").trim()),
            p.integer("bench.restarts", 3),
            Duration.ofSeconds(p.integer("bench.readyTimeoutSeconds", (int) Math.max(600, 10 * floorSeconds))),
            Path.of(p.text("bench.out", "target/bench/scale-benchmark.json")),
            chartValues);
    }

    /** The options as the report shows them. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("triggers", triggers);
        m.put("rateLimit", rateLimit);
        m.put("latencyMs", latency.toMillis());
        m.put("concurrency", concurrency);
        m.put("resyncSeconds", resync.toSeconds());
        m.put("baselineSample", baselineSample);
        m.put("users", users);
        m.put("createThreads", createThreads);
        m.put("writeProbe", writeProbe);
        m.put("operatorJvmArgs", extraJvmArgs);
        m.put("jfr", jfr);
        m.put("classDataSharing", classDataSharing);
        m.put("restarts", restarts);
        m.put("readyTimeoutSeconds", readyTimeout.toSeconds());
        m.put("out", out.toString());
        m.put("values", values.toString());
        return m;
    }
}
