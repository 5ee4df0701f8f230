package dev.devcaster.stress.bench;

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

/** The benchmark's verdict: a table for people (metric | measured | goal | met?), JSON with every raw figure. */
final class BenchReport {

    private final BenchOptions options;
    private final Map<String, Object> run;
    private final List<Goal> goals;
    private final Map<String, Object> figures;
    private final List<String> log;

    BenchReport(BenchOptions options, Map<String, Object> run, List<Goal> goals, Map<String, Object> figures,
                List<String> log) {
        this.options = options;
        this.run = run;
        this.goals = goals;
        this.figures = figures;
        this.log = log;
    }

    long missed() {
        return goals.stream().filter(g -> g.verdict() == Goal.Verdict.MISSED).count();
    }

    void print(PrintStream out) {
        out.println();
        out.printf("Scale benchmark: %,d Triggers, rate limit %s/s, emulator latency %d ms, concurrency %d, resync %d s%n",
            options.triggers(), options.rateLimit(), options.latency().toMillis(), options.concurrency(),
            options.resync().toSeconds());
        out.printf("operator as its own process with the chart's defaults (%s)%n", run.get("operatorJvm"));
        out.printf("%s; %s cores, load average %s at start, %s at end; commit %s%n%n", run.get("kubernetes"),
            run.get("cpus"), run.get("loadAverageAtStart"), run.get("loadAverageAtEnd"), run.get("commit"));
        int m = Math.max(6, goals.stream().mapToInt(g -> g.metric().length()).max().orElse(6));
        int v = Math.max(8, goals.stream().mapToInt(g -> g.measured().length()).max().orElse(8));
        int g = Math.max(4, goals.stream().mapToInt(x -> x.goal().length()).max().orElse(4));
        String row = "| %-" + m + "s | %-" + v + "s | %-" + g + "s | %-4s |%n";
        out.printf(row, "metric", "measured", "goal", "met?");
        out.printf("|%s|%s|%s|%s|%n", "-".repeat(m + 2), "-".repeat(v + 2), "-".repeat(g + 2), "-".repeat(6));
        for (Goal goal : goals) {
            out.printf(row, goal.metric(), goal.measured(), goal.goal(), goal.verdict().shown());
        }
        out.println();
        out.println(missed() == 0 ? "every goal met" : missed() + " goal(s) missed");
        if (figures.get("wave") instanceof Measurements.Wave wave) {
            out.println();
            out.println("where the CPU went during the wave (seconds, by thread kind):");
            out.println("  operator:  " + top(wave.operatorCpuByThread(), 8));
            out.println("  benchmark: " + top(wave.benchmarkCpuByThread(), 6));
            out.println("  operator heap and GC after the wave: " + wave.operatorJvm());
        }
        if (figures.get("flightRecordings") instanceof List<?> recordings) {
            for (Object o : recordings) {
                if (o instanceof FlightRecordingSummary r) {
                    out.printf("%nflight recording %s: %d CPU samples of Java code, GC %s%n", r.file(), r.samples(), r.gc());
                    out.println("  hottest operator methods (% of samples, anywhere in the stack): " + top(r.topOperator(), 8));
                    out.println("  hottest methods (% of samples, top of the stack): " + top(r.topSelf(), 8));
                }
            }
        }
    }

    private static String top(Map<String, Double> values, int n) {
        return values.entrySet().stream().limit(n).map(e -> e.getKey() + " " + e.getValue())
            .reduce((a, b) -> a + ", " + b).orElse("-");
    }

    Path write(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("options", options.describe());
        json.putAll(run);
        json.put("goals", goals);
        json.putAll(figures);
        json.put("log", log);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
