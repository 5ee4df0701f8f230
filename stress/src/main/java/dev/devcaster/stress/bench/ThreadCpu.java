package dev.devcaster.stress.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A process's CPU time by thread kind ({@code /proc/<pid>/task/<tid>/stat}, threads named by their
 * {@code comm}, numbers dropped: all "ReconcilerExecutor-trigger-N" are one kind). It tells what a
 * flight recording cannot: JFR samples only threads running Java code, so the JIT compiler and the
 * garbage collector, which a young JVM on one processor spends much of its CPU in, never show up there.
 */
final class ThreadCpu {

    private ThreadCpu() {
    }

    /** Thread kind → CPU seconds so far, of the threads alive now. */
    static Map<String, Double> snapshot(long pid) {
        Map<String, Double> byKind = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    double seconds = ProcessCpu.seconds(task.resolve("stat"));
                    byKind.merge(kind(comm), seconds, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            });
        } catch (IOException e) {
            // the process is gone
        }
        return byKind;
    }

    /**
     * What each kind used between two snapshots, largest first; threads that ended in between lost
     * their time from the listing, so the process total minus the sum is shown as "(ended threads)".
     */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after, double processSeconds) {
        Map<String, Double> used = new LinkedHashMap<>();
        double sum = 0;
        Map<String, Double> diff = new TreeMap<>();
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double d = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            if (d > 0.005) {
                diff.put(e.getKey(), d);
                sum += d;
            }
        }
        diff.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .forEach(e -> used.put(e.getKey(), round(e.getValue())));
        if (processSeconds - sum > 0.05) {
            used.put("(ended threads)", round(processSeconds - sum));
        }
        return used;
    }

    /** "ReconcilerExecu" for ReconcilerExecutor-trigger-32, "C2 CompilerThre" for the JIT's threads, etc. */
    static String kind(String comm) {
        // Numbers after a separator, long ones (Jetty's "qtp1234567-8") and trailing ones; "C2" stays.
        String k = comm.replaceAll("[-#_ ]\\d+", "").replaceAll("\\d{3,}", "").replaceAll("\\d+$", "").trim();
        return k.isEmpty() ? comm : k;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
