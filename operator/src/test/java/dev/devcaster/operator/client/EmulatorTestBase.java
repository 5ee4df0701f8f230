package dev.devcaster.operator.client;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.EmulatorConfig;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.store.Project;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One in-process emulator per test class, on an ephemeral port, reset before every test; each test
 * gets its own API key (so its own project) and a client with the rate limit off.
 */
abstract class EmulatorTestBase {

    static DevcasterEmulator emulator;

    SimpleMeterRegistry registry;
    String apiKey;
    Project project;
    DevcasterCredentials credentials;
    DevcasterClient client;

    @BeforeAll
    static void startEmulator() {
        emulator = DevcasterEmulator.start(EmulatorConfig.defaults());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void freshProject() {
        emulator.reset();
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

    String activeAccount(String userId, String toolkit, Instant createdAt) {
        return project.addConnectedAccount(userId, toolkit, AccountStatus.ACTIVE, createdAt).id();
    }
}
