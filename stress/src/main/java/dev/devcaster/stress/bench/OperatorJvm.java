package dev.devcaster.stress.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap, GC and threads of the running operator, from its own {@code /metrics} (Micrometer's JVM
 * binders): where the RSS goes, without attaching anything to the process.
 */
final class OperatorJvm {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OperatorJvm() {
    }

    static Map<String, Object> read(int httpPort) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            List<PrometheusText.Sample> s = PrometheusText.parse(response.body());
            m.put("heapUsedMiB", mib(PrometheusText.sum(s, "jvm_memory_used_bytes", x -> "heap".equals(x.label("area")))));
            m.put("heapCommittedMiB", mib(PrometheusText.sum(s, "jvm_memory_committed_bytes",
                x -> "heap".equals(x.label("area")))));
            m.put("heapMaxMiB", mib(PrometheusText.sum(s, "jvm_memory_max_bytes",
                x -> "heap".equals(x.label("area")) && x.value() > 0)));
            m.put("nonHeapUsedMiB", mib(PrometheusText.sum(s, "jvm_memory_used_bytes",
                x -> "nonheap".equals(x.label("area")))));
            m.put("gcPauses", (long) PrometheusText.sum(s, "jvm_gc_pause_seconds_count", x -> true));
            m.put("gcPauseSeconds", round(PrometheusText.sum(s, "jvm_gc_pause_seconds_sum", x -> true)));
            m.put("liveThreads", (long) PrometheusText.sum(s, "jvm_threads_live_threads", x -> true));
        } catch (IOException e) {
            m.put("error", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m.put("error", "interrupted");
        }
        return m;
    }

    private static double mib(double bytes) {
        return round(bytes / 1048576.0);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
