package dev.devcaster.stress.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The verdict of a chaos run: a table for people, JSON for tools, every offender named. */
public final class ChaosReport {

    private static final int SHOWN_OFFENDERS = 12;

    private final ChaosOptions options;
    private final Map<String, Object> timings;
    private final Map<String, Object> run;
    private final List<Invariants.Result> invariants;
    private final List<String> log;

    ChaosReport(ChaosOptions options, Map<String, Object> timings, Map<String, Object> run,
                List<Invariants.Result> invariants, List<String> log) {
        this.options = options;
        this.timings = timings;
        this.run = run;
        this.invariants = invariants;
        this.log = log;
    }

    public boolean passed() {
        return invariants.stream().allMatch(Invariants.Result::pass);
    }

    /** Invariant name → offenders, for the ones that failed. */
    public Map<String, List<String>> failures() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        invariants.stream().filter(r -> !r.pass()).forEach(r -> m.put(r.name(), r.offenders()));
        return m;
    }

    public List<String> invariantNames() {
        return invariants.stream().map(Invariants.Result::name).toList();
    }

    public void print(PrintStream out) {
        out.println();
        out.printf("Chaos run: seed %d, %d Triggers in %d namespaces, 2 replicas, %d SIGKILLs of the leader, faults %.0f%% 5xx + "
                + "%.0f%% 429 (Retry-After on half) + %d ms latency (%d ms spikes every %d s) + a dropped connection every %d ms%n",
            options.seed(), options.triggers(), options.namespaces(), options.kills(), options.errorShare() * 100,
            options.rateLimitShare() * 100, options.latency().toMillis(), options.latencySpike().toMillis(),
            options.latencySpikeEvery().toSeconds(), options.dropEvery().toMillis());
        if (options.pauses() > 0) {
            out.printf("plus %d SIGSTOP/SIGCONT pauses of the leader (longer than its Lease)%n", options.pauses());
        }
        out.printf("on %s, commit %s%n%n", run.get("kubernetes"), run.get("commit"));
        out.printf("%-52s %-6s %s%n", "invariant", "result", "detail");
        out.printf("%-52s %-6s %s%n", "-".repeat(52), "-".repeat(6), "-".repeat(60));
        for (Invariants.Result r : invariants) {
            out.printf("%-52s %-6s %s%n", r.name(), r.pass() ? "PASS" : "FAIL", r.summary());
        }
        out.println();
        out.printf("%-52s %s%n", "setup (cluster, emulator, 2 replicas ready)", seconds("setupSeconds"));
        out.printf("%-52s %s%n", "chaos window", seconds("chaosWindowSeconds"));
        out.printf("%-52s %s%n", Boolean.TRUE.equals(timings.get("converged")) ? "converged after faults stopped"
            : "NOT converged: gave up after", seconds("convergeSeconds"));
        out.printf("%-52s %s%n", "total", seconds("totalSeconds"));
        out.printf("%-52s %s%n", "scenario", run.get("scenario"));
        out.printf("%-52s %s%n", "live Triggers by expectation", run.get("expectations"));
        Object requests = run.get("requests");
        if (requests instanceof Map<?, ?> m) {
            out.printf("%-52s %s of %s (%s)%n", "Devcaster requests during the chaos window", m.get("duringChaosWindow"),
                m.get("total"), m.get("duringChaosWindowByStatus"));
        }
        out.printf("%-52s %s%n", "replicas", run.get("replicas"));
        if (run.get("kills") instanceof List<?> kills) {
            for (Object k : kills) {
                if (k instanceof Replicas.Kill kill) {
                    out.printf("  SIGKILL at +%5.1fs %-14s pid %-7d restarted as %-14s new leader %s after %.1fs%n",
                        kill.atSeconds(), kill.identity(), kill.pid(), kill.restartedAs(), kill.newLeader(),
                        kill.newLeaderAfterSeconds());
                }
            }
        }
        if (run.get("pauses") instanceof List<?> pauses) {
            for (Object p : pauses) {
                if (p instanceof Replicas.Pause pause) {
                    out.printf("  SIGSTOP at +%5.1fs %-14s pid %-7d for %.1fs, leader meanwhile %s; %s%n", pause.atSeconds(),
                        pause.identity(), pause.pid(), pause.pausedSeconds(), pause.leaderWhileStopped(), pause.outcome());
                }
            }
        }
        if (run.get("triggersWithoutSpecSeen") instanceof List<?> specless && !specless.isEmpty()) {
            out.println("Triggers the API server held without a spec (the harness never writes one):");
            specless.forEach(e -> out.println("  " + e));
        }
        if (run.get("unexpectedReplicaExits") instanceof List<?> exits && !exits.isEmpty()) {
            out.println("replicas that exited on their own:");
            exits.forEach(e -> out.println("  " + e));
        }
        for (Invariants.Result r : invariants) {
            if (r.pass()) {
                continue;
            }
            out.println();
            out.printf("FAIL %s (%d):%n", r.name(), r.offenders().size());
            r.offenders().stream().limit(SHOWN_OFFENDERS).forEach(o -> out.println("  " + o));
            if (r.offenders().size() > SHOWN_OFFENDERS) {
                out.printf("  … %d more in the JSON report%n", r.offenders().size() - SHOWN_OFFENDERS);
            }
        }
        if (run.get("evidence") instanceof Map<?, ?> evidence && !evidence.isEmpty()) {
            out.println();
            out.println("evidence (requests the emulator logged, replica log lines; all of it in the JSON report):");
            evidence.entrySet().stream().limit(8).forEach(e -> {
                out.println("  " + e.getKey() + ":");
                if (e.getValue() instanceof List<?> lines) {
                    lines.stream().limit(8).forEach(l -> out.println("    " + l));
                }
            });
        }
        if (run.get("convergenceTrace") instanceof List<?> trace) {
            out.println();
            out.println("after the faults stopped:");
            trace.forEach(t -> out.println("  " + t));
        }
        out.println();
        out.println(passed() ? "ALL INVARIANTS HOLD" : "INVARIANTS BROKEN: " + failures().keySet());
    }

    public Path write(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", passed());
        json.put("options", options.describe());
        json.put("timings", timings);
        json.put("invariants", Invariants.toJson(invariants));
        json.putAll(run);
        json.put("log", log);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private String seconds(String key) {
        Object v = timings.get(key);
        return v == null ? "-" : v + " s";
    }
}
