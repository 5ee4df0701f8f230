package dev.devcaster.operator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.devcaster.operator.testing.PrometheusText;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class ClientMetricsIT extends EmulatorTestBase {

    @Test
    void recordsEveryCallByRouteTemplateAndStatusWithHistogram() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DevcasterClient measured = new DevcasterClient(testConfig(), prometheus);

        measured.triggerTypes().get(credentials, "GITHUB_COMMIT_EVENT", null);
        measured.triggerTypes().get(credentials, "SLACK_RECEIVE_MESSAGE", null);
        catchThrowable(() -> measured.triggerTypes().get(credentials, "NOPE", null));
        emulator.faults().outage(true);
        catchThrowable(() -> measured.triggerInstances().delete(credentials, "ti_1"));
        emulator.faults().outage(false);
        // Last: a 429 pauses the key in this client, so nothing more would be sent.
        emulator.faults().rateLimitNext(1, false);
        catchThrowable(() -> measured.triggerInstances().delete(credentials, "ti_1"));

        assertThat(timer(prometheus, "GET /triggers_types/{slug}", "2xx").count()).isEqualTo(2);
        assertThat(timer(prometheus, "GET /triggers_types/{slug}", "4xx").count()).isEqualTo(1);
        assertThat(timer(prometheus, "DELETE /trigger_instances/manage/{id}", "429").count()).isEqualTo(1);
        assertThat(timer(prometheus, "DELETE /trigger_instances/manage/{id}", "5xx").count()).isEqualTo(1);
        assertThat(prometheus.scrape())
                .contains("devcaster_client_requests_seconds_bucket{endpoint=\"GET /triggers_types/{slug}\"")
                .doesNotContain(apiKey);
    }

    @Test
    void latencyHistogramHasTheFewExplicitBucketsOnly() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DevcasterClient measured = new DevcasterClient(testConfig(), prometheus);

        measured.triggerTypes().get(credentials, "GITHUB_COMMIT_EVENT", null);
        catchThrowable(() -> measured.triggerTypes().get(credentials, "NOPE", null));

        PrometheusText scrape = new PrometheusText(prometheus.scrape());
        // 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 and +Inf: nine series per endpoint and status, not ~70.
        assertThat(scrape.bucketsPerSeries()).hasSize(2).allSatisfy((series, buckets) ->
                assertThat(buckets).as(series).isEqualTo(9));
        assertThat(scrape.samples("devcaster_client_requests_seconds_bucket"))
                .contains("le=\"0.05\"", "le=\"0.25\"", "le=\"2.5\"", "le=\"10.0\"", "le=\"+Inf\"");
        assertThat(scrape.text()).doesNotContain("quantile=");
    }

    private static Timer timer(PrometheusMeterRegistry registry, String endpoint, String status) {
        return registry.get("devcaster.client.requests").tag("endpoint", endpoint).tag("status", status).timer();
    }
}
