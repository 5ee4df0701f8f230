package dev.devcaster.stress.chaos;

import java.nio.file.Path;

/**
 * The chaos program: proves the operator's guarantees under SIGKILLs, leader hand-overs and
 * Devcaster faults, for one seed. Prints a table, writes {@code <chaos.out>/chaos-report.json},
 * exits 1 when an invariant fails.
 *
 * <pre>
 * mvn -B -pl stress -am package exec:java@chaos -DskipTests \
 *     -Dchaos.triggers=500 -Dchaos.kills=10 -Dchaos.seed=42 -Dchaos.errorShare=0.2 -Dchaos.rateLimitShare=0.1
 * </pre>
 *
 * Options ({@code -Dchaos.x=y}, or {@code chaos.x=y} / {@code --x=y} arguments): seed, triggers, namespaces,
 * kills, errorShare, rateLimitShare, latencyMs, latencySpikeMs, latencySpikeEveryMs, dropEveryMs,
 * misroutedShare, durationSeconds, convergeTimeoutSeconds, stableFailureSeconds, resyncSeconds, recheckSeconds, concurrency, rateLimit, logLevel, matchKey, out.
 */
public final class ChaosProgram {

    private ChaosProgram() {
    }

    public static void main(String[] args) {
        ChaosOptions options = ChaosOptions.fromSystem(args);
        ChaosReport report = ChaosRun.run(options);
        report.print(System.out);
        Path json = report.write(options.out().resolve("chaos-report.json"));
        System.out.println("wrote " + json.toAbsolutePath());
        System.out.flush();
        System.exit(report.passed() ? 0 : 1);
    }
}
