package dev.devcaster.operator.app;

import dev.devcaster.operator.testing.MetricsScrape;
import dev.devcaster.operator.testing.PrometheusText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Prometheus scrape of the operator's registry looks like: few buckets per histogram, no
 * client-side quantiles, names that do not change with the controller's name, and the process,
 * GC and build metrics operators expect.
 */
class OperatorMetricsTest {

    static final PrometheusText SCRAPE = MetricsScrape.exercised();

    /** Kept for people writing dashboards and alerts: target/operator-metrics.txt. */
    @BeforeAll
    static void keepTheScrape() throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/operator-metrics.txt"), SCRAPE.text());
    }

    @Test
    void everyHistogramHasTheFewExplicitBuckets() {
        // 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 and +Inf, for JOSDK's reconcile timers and the client's calls alike.
        assertThat(SCRAPE.bucketsPerSeries()).isNotEmpty()
            .containsKeys("devcaster_client_requests_seconds_bucket{endpoint=\"GET /triggers_types/{slug}\",status=\"2xx\"}")
            .allSatisfy((series, buckets) -> assertThat(buckets).as(series).isEqualTo(9));
        assertThat(SCRAPE.sampleNames()).contains("operator_sdk_controllers_execution_reconcile_seconds_bucket",
            "operator_sdk_controllers_execution_cleanup_seconds_bucket", "devcaster_client_requests_seconds_bucket");
        assertThat(SCRAPE.text()).doesNotContain("quantile=");
    }

    @Test
    void metricNamesDoNotCarryTheControllerName() {
        assertThat(SCRAPE.sampleNames()).noneMatch(name -> name.contains(MetricsScrape.CONTROLLER))
            .contains("operator_sdk_reconciliations_executions", "operator_sdk_reconciliations_queue_size");
        assertThat(SCRAPE.samples("operator_sdk_reconciliations_queue_size"))
            .contains("controller=\"" + MetricsScrape.CONTROLLER + "\"");
    }

    @Test
    void processGcAndBuildMetricsAreExported() {
        assertThat(SCRAPE.sampleNames()).contains("process_cpu_usage", "process_uptime_seconds",
            "process_start_time_seconds", "process_files_open_files", "process_files_max_files", "system_cpu_count",
            "jvm_gc_memory_allocated_bytes_total", "jvm_memory_used_bytes", "jvm_threads_live_threads",
            "devcaster_operator_build_info", "devcaster_operator_leader");
        // The build fills in the version (Maven filtering); the revision is Git's, or "unknown" outside a checkout.
        assertThat(SCRAPE.samples("devcaster_operator_build_info"))
            .matches("(?s)devcaster_operator_build_info\\{revision=\"([0-9a-f]{7,40}|unknown)\",version=\"\\d+\\.\\d+\\.\\d+[^\"]*\"} 1(\\.0)?\\n");
        assertThat(SCRAPE.samples("devcaster_operator_leader")).matches("devcaster_operator_leader 1(\\.0)?\n");
    }
}
