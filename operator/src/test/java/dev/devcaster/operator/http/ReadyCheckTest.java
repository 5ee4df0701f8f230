package dev.devcaster.operator.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The check behind the chart's `helm test` Pod, against a real /readyz. */
class ReadyCheckTest {

    @Test
    void passesOnceReadyAndFailsWhenNeverReady() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        try (HealthServer health = new HealthServer(new java.net.InetSocketAddress("127.0.0.1", 0), ready::get, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            URI readyz = URI.create("http://127.0.0.1:" + health.port() + "/readyz");

            assertThat(ReadyCheck.check(readyz, Duration.ofSeconds(1))).isFalse();

            Thread flip = new Thread(() -> {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ready.set(true);
            });
            flip.start();
            assertThat(ReadyCheck.check(readyz, Duration.ofSeconds(10))).isTrue();
        }
        // Nobody listening: a failure, not an exception.
        assertThat(ReadyCheck.check(URI.create("http://127.0.0.1:1/readyz"), Duration.ofMillis(100))).isFalse();
    }
}
