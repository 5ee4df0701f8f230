package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultsTest extends EmulatorTestSupport {

    private static final String LIST = "/api/v3/trigger_instances/active";

    @Test
    void rateLimitNextWithHeadersAnswersABareBodyAndRetryAfter() {
        emulator.faults().rateLimitNext(1, true);

        Response limited = get(LIST);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().has("error")).isFalse();
        assertThat(limited.json().path("message").asText()).startsWith("Rate limit exceeded");
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(limited.header("X-RateLimit")).isNotNull();
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.header("X-RateLimit-Window-Size")).isEqualTo("60s");
        assertThat(get(LIST).status()).isEqualTo(200);
    }

    @Test
    void rateLimitNextWithoutHeadersCarriesNone() {
        emulator.faults().rateLimitNext(2, false);

        for (int i = 0; i < 2; i++) {
            Response limited = get(LIST);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNull();
            assertThat(limited.header("X-RateLimit")).isNull();
            assertThat(limited.json().has("error")).isFalse();
        }
        assertThat(get(LIST).status()).isEqualTo(200);
    }

    @Test
    void droppedConnectionIsAnIOExceptionForTheClient() {
        emulator.faults().dropNext(1);
        HttpRequest.Builder upsert = request("/api/v3/trigger_instances/SLACK_CHANNEL_CREATED/upsert", KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"u1\"}"));

        assertThatThrownBy(() -> send(upsert)).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
        assertThat(emulator.requestLog().entries()).last().satisfies(r -> assertThat(r.status()).isZero());
        assertThat(get(LIST).status()).isEqualTo(200);
    }

    @Test
    void outageAnswers503WithTheEnvelopeUntilLifted() {
        emulator.faults().outage(true);

        Response down = get(LIST);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().path("error").path("status").asInt()).isEqualTo(503);
        assertThat(get("/_emulator/health").status()).isEqualTo(200);

        emulator.faults().outage(false);
        assertThat(get(LIST).status()).isEqualTo(200);
    }

    @Test
    void failNextAnswersTheGivenStatusThenRecovers() {
        emulator.faults().failNext(2, 502);

        assertThat(get(LIST).status()).isEqualTo(502);
        assertThat(get(LIST).status()).isEqualTo(502);
        assertThat(get(LIST).status()).isEqualTo(200);
    }

    @Test
    void errorRateOfOneFailsEveryRequestWithA5xx() {
        emulator.faults().errorRate(1.0);

        for (int i = 0; i < 5; i++) {
            assertThat(get(LIST).status()).isIn(500, 502, 503);
        }
        emulator.faults().clear();
        assertThat(get(LIST).status()).isEqualTo(200);
    }

    @Test
    void rateLimitQuotaCountsPerKeyWithRealHeaders() {
        emulator.project("other-key");
        emulator.faults().rateLimit(3, Duration.ofMinutes(1));

        Response first = get(LIST);
        assertThat(first.header("X-RateLimit")).isEqualTo("3");
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("2");
        assertThat(first.header("X-RateLimit-Window-Size")).isEqualTo("60s");
        get(LIST);
        assertThat(get(LIST).header("X-RateLimit-Remaining")).isEqualTo("0");

        Response limited = get(LIST);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.json().path("message").asText()).isEqualTo("Rate limit exceeded. Limit: 3 requests per 60s");

        assertThat(get(LIST, "other-key").status()).isEqualTo(200);
    }

    @Test
    void latencyDelaysEveryRequest() {
        emulator.faults().latency(Duration.ofMillis(150));

        long start = System.nanoTime();
        get(LIST);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
}
