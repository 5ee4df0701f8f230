package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devcaster.emulator.faults.FaultScope;
import dev.devcaster.emulator.faults.RateLimitHeaders;
import org.junit.jupiter.api.Test;

/** A share of requests answering 429: with Retry-After and X-RateLimit-*, without any header, or mixed. */
class RandomRateLimitTest extends EmulatorTestSupport {

    private static final String LIST = "/api/v3/trigger_instances/active";

    @Test
    void withHeadersCarriesTheConfiguredRetryAfter() {
        emulator.faults().rateLimitRate(1.0, RateLimitHeaders.WITH, 7);

        Response limited = get(LIST);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("7");
        assertThat(limited.header("X-RateLimit")).isEqualTo("2000");
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.header("X-RateLimit-Window-Size")).isEqualTo("60s");
        assertThat(limited.json().has("error")).isFalse();
        assertThat(limited.json().path("message").asText()).isEqualTo("Rate limit exceeded. Limit: 2000 requests per 60s");
    }

    @Test
    void withoutHeadersIsABareBodyOnly() {
        emulator.faults().rateLimitRate(1.0, RateLimitHeaders.WITHOUT, 7);

        Response limited = get(LIST);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNull();
        assertThat(limited.header("X-RateLimit")).isNull();
        assertThat(limited.header("X-RateLimit-Remaining")).isNull();
        assertThat(limited.json().has("error")).isFalse();
        assertThat(limited.json().path("message").asText()).startsWith("Rate limit exceeded");
    }

    @Test
    void mixedSendsBothKinds() {
        emulator.faults().rateLimitRate(1.0, RateLimitHeaders.MIXED, 3);
        int withHeaders = 0;
        int without = 0;

        for (int i = 0; i < 40; i++) {
            Response limited = get(LIST);
            assertThat(limited.status()).isEqualTo(429);
            if (limited.header("Retry-After") == null) {
                assertThat(limited.header("X-RateLimit")).isNull();
                without++;
            } else {
                assertThat(limited.header("Retry-After")).isEqualTo("3");
                assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
                withHeaders++;
            }
        }

        assertThat(withHeaders).isPositive();
        assertThat(without).isPositive();
    }

    @Test
    void aShareLimitsSomeRequestsNotAll() {
        emulator.faults().rateLimitRate(0.5, RateLimitHeaders.WITH, 1);
        int limited = 0;

        for (int i = 0; i < 200; i++) {
            int status = get(LIST).status();
            assertThat(status).isIn(200, 429);
            limited += status == 429 ? 1 : 0;
        }

        // Binomial(200, 0.5): 40..160 is more than eight standard deviations wide.
        assertThat(limited).isBetween(40, 160);
    }

    @Test
    void aScopedRateSparesOtherRoutesAndIsRemovedWithShareZero() {
        FaultScope upserts = FaultScope.of("POST", "/api/v3/trigger_instances/{slug}/upsert");
        emulator.faults().rateLimitRate(1.0, RateLimitHeaders.WITHOUT, 1, upserts);

        assertThat(upsert("SLACK_RECEIVE_MESSAGE", "{\"user_id\":\"u1\"}").status()).isEqualTo(429);
        assertThat(get(LIST).status()).isEqualTo(200);

        emulator.faults().rateLimitRate(0, RateLimitHeaders.WITHOUT, 1, upserts);
        assertThat(emulator.faults().currentRules()).isEmpty();
        assertThat(upsert("SLACK_RECEIVE_MESSAGE", "{\"user_id\":\"u1\"}").status()).isEqualTo(400);
    }

    @Test
    void sharesAndRetryAfterAreChecked() {
        assertThatThrownBy(() -> emulator.faults().rateLimitRate(1.5, RateLimitHeaders.WITH, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emulator.faults().rateLimitRate(0.5, RateLimitHeaders.WITH, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
