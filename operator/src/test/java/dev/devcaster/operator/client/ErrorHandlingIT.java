package dev.devcaster.operator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorHandlingIT extends EmulatorTestBase {

    private static final String ENUM = "GET /api/v3/triggers_types/list/enum";

    @Test
    void unknownKeyIsUnauthorized() {
        DevcasterCredentials wrong = new DevcasterCredentials(emulator.baseUrl(), "dk_wrong_key");

        assertThatThrownBy(() -> client.triggerTypes().listSlugs(wrong))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void forbiddenIsUnauthorized() {
        emulator.faults().failNext(1, 403);

        assertThatThrownBy(() -> client.triggerTypes().listSlugs(credentials))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void rateLimitWithHeadersCarriesRetryAfter() {
        emulator.faults().rateLimitNext(1, true);

        assertThatThrownBy(() -> client.triggerTypes().listSlugs(credentials))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.local()).isFalse();
                    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
                    assertThat(e.error().message()).containsIgnoringCase("rate limit");
                });
    }

    @Test
    void rateLimitWithoutHeadersHasNoRetryAfter() {
        emulator.faults().rateLimitNext(1, false);

        assertThatThrownBy(() -> client.triggerTypes().listSlugs(credentials))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.retryAfter()).isEmpty();
                    assertThat(e.error().slug()).isNull();
                });
    }

    @Test
    void outageIsTransient() {
        emulator.faults().outage(true);

        assertThatThrownBy(() -> client.triggerTypes().listSlugs(credentials))
                .isInstanceOfSatisfying(TransientException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void serverErrorsAndRequestTimeoutAreTransient() {
        for (int status : new int[] {500, 502, 408}) {
            emulator.faults().failNext(1, status);
            assertThatThrownBy(() -> client.triggerTypes().listSlugs(credentials))
                    .isInstanceOfSatisfying(TransientException.class, e -> assertThat(e.status()).isEqualTo(status));
        }
    }

    @Test
    void otherClientErrorsAreRejectedWithTheServerMessage() {
        emulator.faults().failNext(1, 422);

        assertThatThrownBy(() -> client.triggerTypes().listSlugs(credentials))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.error().message()).isNotBlank().doesNotStartWith("HTTP ");
                    assertThat(e.error().endpoint()).isEqualTo("GET /triggers_types/list/enum");
                });
    }

    @Test
    void oneDroppedConnectionIsResentTransparently() {
        String account = activeAccount("user-1", "github", null);
        String id = upsertStars(account).triggerId();

        emulator.faults().dropNext(1);
        assertThat(client.triggerTypes().listSlugs(credentials)).isNotEmpty();
        emulator.faults().dropNext(1);
        client.triggerInstances().disable(credentials, id);
        emulator.faults().dropNext(1);
        client.triggerInstances().enable(credentials, id);
        emulator.faults().dropNext(1);
        assertThat(upsertStars(account)).isEqualTo(new UpsertResult(id, false));
        emulator.faults().dropNext(1);
        client.triggerInstances().delete(credentials, id);

        assertThat(project.triggers()).isEmpty();
        // The JDK client resends the GET itself; the client resends PATCH, PATCH, POST and DELETE.
        assertThat(registry.get("devcaster.client.requests").tag("status", "io").timers())
                .extracting(t -> t.getId().getTag("endpoint"))
                .containsExactlyInAnyOrder("PATCH /trigger_instances/manage/{id}",
                        "POST /trigger_instances/{slug}/upsert", "DELETE /trigger_instances/manage/{id}");
        assertThat(registry.get("devcaster.client.requests").tag("status", "io").timers())
                .extracting(t -> t.count()).containsExactlyInAnyOrder(2L, 1L, 1L);
    }

    @Test
    void twoDroppedConnectionsInARowAreTransient() {
        String account = activeAccount("user-1", "github", null);
        String id = upsertStars(account).triggerId();

        emulator.faults().dropNext(2);
        assertThatThrownBy(() -> client.triggerTypes().listSlugs(credentials))
                .isInstanceOfSatisfying(TransientException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("Connection lost before a response");
                });
        emulator.faults().dropNext(2);
        assertThatThrownBy(() -> client.triggerInstances().delete(credentials, id)).isInstanceOf(TransientException.class);

        assertThat(project.trigger(id)).isPresent();
        assertThat(registry.get("devcaster.client.requests").tag("status", "io")
                .tag("endpoint", "DELETE /trigger_instances/manage/{id}").timer().count()).isEqualTo(2);
    }

    @Test
    void slowResponseTimesOutAsTransientWithoutRetry() {
        DevcasterClient impatient = newClient(testConfig().withRequestTimeout(Duration.ofMillis(200)));
        emulator.faults().latency(Duration.ofSeconds(1));

        assertThatThrownBy(() -> impatient.triggerTypes().listSlugs(credentials))
                .isInstanceOfSatisfying(TransientException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("Timed out");
                });
        assertThat(registry.get("devcaster.client.requests").tag("status", "timeout").timer().count()).isEqualTo(1);
    }

    @Test
    void refusedConnectionIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DevcasterCredentials nowhere = new DevcasterCredentials(URI.create("http://127.0.0.1:" + closedPort), apiKey);

        assertThatThrownBy(() -> client.triggerTypes().listSlugs(nowhere)).isInstanceOf(TransientException.class);
    }

    @Test
    void baseUrlWithTrailingSlashWorks() {
        DevcasterCredentials slash = new DevcasterCredentials(URI.create(emulator.baseUrl() + "/"), apiKey);

        assertThat(client.triggerTypes().listSlugs(slash)).isNotEmpty();
        assertThat(calls(ENUM)).isEqualTo(1);
    }

    private UpsertResult upsertStars(String account) {
        return client.triggerInstances().upsert(credentials, "GITHUB_STAR_ADDED_EVENT",
                new UpsertTriggerRequest(account, new ObjectMapper().valueToTree(Map.of("owner", "acme", "repo", "api")),
                        null, null));
    }
}
