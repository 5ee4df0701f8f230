package dev.devcaster.stress.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The operator's own counters (JOSDK's reconciliations, the operator's remote calls and outcomes,
 * the threads its JVM started) from its {@code /metrics}, so a phase can say how many reconcile
 * runs a Trigger cost and how often a call was held back by the rate budget: what the time went
 * into, in the operator's words.
 */
final class OperatorCounters {

    static final String THREADS_STARTED = "jvm_threads_started_threads_total";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OperatorCounters() {
    }

    /** {@code name{label="v",...}} → value, for the operator's and JOSDK's counters; empty when unreachable. */
    static Map<String, Double> read(int httpPort) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            return counters(response.body());
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    static Map<String, Double> counters(String metricsText) {
        Map<String, Double> m = new TreeMap<>();
        for (PrometheusText.Sample s : PrometheusText.parse(metricsText)) {
            boolean ours = s.name().startsWith("operator_sdk_") || s.name().startsWith("devcaster_")
                || s.name().equals(THREADS_STARTED);
            // Counters, and the count and sum of timers (a sum over a count is a mean duration).
            boolean counter = s.name().endsWith("_total") || s.name().endsWith("_count") || s.name().endsWith("_sum");
            if (ours && counter) {
                String labels = s.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
                m.put(s.name() + (s.labels().isEmpty() ? "" : labels), s.value());
            }
        }
        return m;
    }

    /** after − before, only what changed. */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new TreeMap<>();
        after.forEach((k, v) -> {
            double diff = v - before.getOrDefault(k, 0.0);
            if (diff != 0) {
                d.put(k, diff);
            }
        });
        return d;
    }
}
