package dev.devcaster.stress.chaos;

import dev.devcaster.stress.process.ProgramProperties;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos program's small seeded run in {@code mvn verify}: 40 Triggers in 4 namespaces and two
 * projects, 2 replicas with leader election, 3 SIGKILLs of the leader, 20% 5xx + 10% 429 + latency
 * spikes + dropped connections; every invariant must hold once the faults stop.
 * {@code -Dchaos.seed=…} (and the other {@code chaos.*} options) reproduce or vary it.
 */
class ChaosIT {

    @Test
    void everyInvariantHoldsAfterKillsAndFaults() {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
            "chaos.seed", "7",
            "chaos.triggers", "40",
            "chaos.kills", "3",
            "chaos.durationSeconds", "35",
            "chaos.convergeTimeoutSeconds", "150",
            "chaos.stableFailureSeconds", "40",
            "chaos.out", System.getProperty("chaos.out", "target/chaos-it")));
        // -Dchaos.x=y on the command line wins over these.
        values.putAll(ProgramProperties.read("chaos"));
        ChaosOptions options = ChaosOptions.from(values);

        ChaosReport report = ChaosRun.run(options);
        report.print(System.out);
        Path json = report.write(options.out().resolve("chaos-report.json"));

        assertThat(report.invariantNames()).hasSize(8);
        Map<String, List<String>> failures = report.failures();
        assertThat(failures)
            .as("invariants broken in the chaos run (seed %s; report %s):%n%s", options.seed(), json.toAbsolutePath(),
                failures.entrySet().stream().map(e -> e.getKey() + ":\n    " + String.join("\n    ", e.getValue()))
                    .collect(Collectors.joining("\n")))
            .isEmpty();
    }
}
