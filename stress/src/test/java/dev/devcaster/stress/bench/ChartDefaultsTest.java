package dev.devcaster.stress.bench;

import dev.devcaster.stress.process.OperatorProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChartDefaultsTest {

    @Test
    void memoryQuantitiesInBytes() {
        assertThat(ChartDefaults.memoryBytes("512Mi")).isEqualTo(536_870_912L);
        assertThat(ChartDefaults.memoryBytes("1Gi")).isEqualTo(1_073_741_824L);
        assertThat(ChartDefaults.memoryBytes("1.5Gi")).isEqualTo(1_610_612_736L);
        assertThat(ChartDefaults.memoryBytes("500M")).isEqualTo(500_000_000L);
        assertThat(ChartDefaults.memoryBytes("268435456")).isEqualTo(268_435_456L);
    }

    @Test
    void cpuQuantitiesAsTheProcessorsTheJvmSees() {
        assertThat(ChartDefaults.processors("1")).isEqualTo(1);
        assertThat(ChartDefaults.processors("500m")).isEqualTo(1);
        assertThat(ChartDefaults.processors("1500m")).isEqualTo(2);
        assertThat(ChartDefaults.processors("2")).isEqualTo(2);
    }

    @Test
    void theChartsValuesGiveThePodsJvmFlags() {
        ChartDefaults chart = ChartDefaults.read(OperatorProcess.repoRoot().resolve("helm/devcaster-operator/values.yaml"));

        assertThat(chart.javaToolOptionFlags()).isNotEmpty().allMatch(f -> f.startsWith("-"));
        assertThat(chart.containerJvmArgs()).containsExactly("-XX:MaxRAM=" + chart.memoryLimitBytes(),
            "-XX:ActiveProcessorCount=" + chart.cpus());
        assertThat(chart.concurrency()).isPositive();
    }
}
