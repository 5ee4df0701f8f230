package dev.devcaster.operator.client;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.requests.KeyFingerprint;
import dev.devcaster.emulator.store.Project;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.devcaster.operator.testing.EmulatorExtension;

/**
 * The client against the run's in-process emulator (reset after every test); each test gets its
 * own API key (so its own project) and a client with the rate limit off.
 */
@ExtendWith(EmulatorExtension.class)
abstract class EmulatorTestBase {

    DevcasterEmulator emulator;

    SimpleMeterRegistry registry;
    String apiKey;
    Project project;
    DevcasterCredentials credentials;
    DevcasterClient client;

    @BeforeEach
    void freshProject(DevcasterEmulator emulator) {
        this.emulator = emulator;
        apiKey = "dk_test_" + UUID.randomUUID().toString().replace("-", "");
        project = emulator.project(apiKey);
        credentials = new DevcasterCredentials(emulator.baseUrl(), apiKey);
        registry = new SimpleMeterRegistry();
        client = newClient(testConfig());
    }

    static DevcasterClientConfig testConfig() {
        return DevcasterClientConfig.defaults()
                .withConnectTimeout(Duration.ofSeconds(2))
                .withRequestTimeout(Duration.ofSeconds(5))
                .withRateLimit(0, Duration.ZERO);
    }

    DevcasterClient newClient(DevcasterClientConfig config) {
        return new DevcasterClient(config, registry);
    }

    /**
     * Requests of this test's key to a route: the run shares one emulator, and a request of an
     * earlier test may still be logged after that test ended.
     */
    long calls(String endpoint) {
        return emulator.requestLog().entries().stream()
                .filter(r -> r.endpoint().equals(endpoint) && r.apiKeyId().equals(KeyFingerprint.of(apiKey))).count();
    }

    String activeAccount(String userId, String toolkit, Instant createdAt) {
        return project.addConnectedAccount(userId, toolkit, AccountStatus.ACTIVE, createdAt).id();
    }
}
