package dev.devcaster.operator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devcaster.emulator.requests.KeyFingerprint;
import dev.devcaster.emulator.requests.RequestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Only lower bounds on spacing: a limiter can make calls slower than allowed, never faster. */
class ClientRateLimitIT extends EmulatorTestBase {

    private static final String ENUM = "GET /api/v3/triggers_types/list/enum";

    @Test
    void aKeySpendsASecondsCallsAtOnceAndTheNextOnesInTheNextSecond() throws Exception {
        DevcasterClient limited = newClient(testConfig().withRateLimit(20, Duration.ofSeconds(5)));
        ExecutorService pool = Executors.newFixedThreadPool(26);
        try {
            CompletableFuture.allOf(IntStream.range(0, 26)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> limited.triggerTypes().listSlugs(credentials), pool))
                    .toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
        }

        List<Instant> calls = emulator.requestLog().entries().stream()
                .filter(r -> r.endpoint().equals(ENUM) && r.apiKeyId().equals(KeyFingerprint.of(apiKey)))
                .map(RequestRecord::at).sorted().toList();
        assertThat(calls).hasSize(26);
        // 20 permits per second: the 21st call comes a second after the first; allow for arrival jitter.
        assertThat(Duration.between(calls.get(0), calls.get(20))).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void failsLocallyWhenNoPermitComesWithinTheWait() {
        DevcasterClient limited = newClient(testConfig().withRateLimit(0.2, Duration.ZERO));
        limited.triggerTypes().listSlugs(credentials);

        assertThatThrownBy(() -> limited.triggerTypes().listSlugs(credentials))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.local()).isTrue();
                    assertThat(e.status()).isZero();
                    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(5));
                    assertThat(e.getMessage()).contains(credentials.fingerprint()).doesNotContain(apiKey);
                });
        assertThat(calls(ENUM)).isEqualTo(1);
    }

    @Test
    void eachKeyHasItsOwnLimit() {
        DevcasterClient limited = newClient(testConfig().withRateLimit(0.2, Duration.ZERO));
        String otherKey = apiKey + "-other";
        emulator.project(otherKey);
        DevcasterCredentials other = new DevcasterCredentials(emulator.baseUrl(), otherKey);

        limited.triggerTypes().listSlugs(credentials);

        assertThat(limited.triggerTypes().listSlugs(other)).isNotEmpty();
        assertThatThrownBy(() -> limited.triggerTypes().listSlugs(credentials)).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void zeroTurnsTheLimitOff() {
        for (int i = 0; i < 20; i++) {
            client.triggerTypes().listSlugs(credentials);
        }

        assertThat(calls(ENUM)).isEqualTo(20);
    }
}
