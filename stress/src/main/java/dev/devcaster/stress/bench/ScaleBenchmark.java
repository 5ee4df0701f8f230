package dev.devcaster.stress.bench;

import dev.devcaster.stress.process.OperatorProcess;

import java.nio.file.Path;

/**
 * The scale benchmark: the operator jar as its own process, with the Helm chart's defaults, against
 * a real kube-apiserver + etcd and the emulator with a fixed latency per call; in one run the
 * SDK-style baseline, the first start, a creation wave of N Triggers, a quiet window of two resync
 * periods and restarts (three by default), each with one new Trigger. Prints a table (metric | measured | goal | met?) and
 * writes every raw figure as JSON. Exit code 0 whether or not the goals are met: it measures, it
 * does not gate (the table says what is missed).
 *
 * <pre>
 * mvn -B -pl stress -am package exec:java@bench -DskipTests -Dbench.triggers=1000 -Dbench.rateLimit=100
 * </pre>
 *
 * Options ({@code -Dbench.x=y}, or {@code bench.x=y} / {@code --x=y} arguments): triggers, rateLimit, latencyMs,
 * concurrency, resyncSeconds, baselineSample, users, createThreads, jfr, readyTimeoutSeconds, out, values.
 */
public final class ScaleBenchmark {

    private ScaleBenchmark() {
    }

    public static void main(String[] args) {
        BenchOptions options = BenchOptions.fromSystem(OperatorProcess.repoRoot(), args);
        BenchReport report = BenchRun.run(options);
        report.print(System.out);
        Path json = report.write(options.out());
        System.out.println("wrote " + json.toAbsolutePath());
        System.out.flush();
        System.exit(0);
    }
}
