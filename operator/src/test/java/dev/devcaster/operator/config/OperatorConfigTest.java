package dev.devcaster.operator.config;

import dev.devcaster.operator.trigger.DeletionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorConfigTest {

    @Test
    void defaultsWhenNothingIsSet() {
        OperatorConfig config = OperatorConfig.from(Map.of());

        assertThat(config.defaultApiKey()).isEmpty();
        assertThat(config.baseUrl()).hasToString("https://backend.devcaster.dev");
        assertThat(config.watchNamespaces()).isEmpty();
        assertThat(config.resyncPeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.concurrency()).isEqualTo(32);
        assertThat(config.defaultDeletionPolicy()).isEqualTo(DeletionPolicy.Delete);
        assertThat(config.leaderElection()).isFalse();
        assertThat(config.get(Settings.LOG_FORMAT)).isEqualTo(LogFormat.TEXT);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.httpAddress().getAddress().isAnyLocalAddress()).as("every interface").isTrue();
        assertThat(config.toolkitVersionFor("github")).isEqualTo("latest");
    }

    @Test
    void theHttpEndpointCanListenOnLoopbackOnly() {
        OperatorConfig config = OperatorConfig.from(Map.of("HTTP_BIND_ADDRESS", "127.0.0.1", "HTTP_PORT", "8090"));

        assertThat(config.httpAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(config.httpAddress().getPort()).isEqualTo(8090);
        assertThat(OperatorConfig.from(Map.of("HTTP_BIND_ADDRESS", "::1")).httpAddress().getAddress().isLoopbackAddress())
            .isTrue();
    }

    @Test
    void readsEveryVariable() {
        OperatorConfig config = OperatorConfig.from(Map.ofEntries(
            Map.entry("DEVCASTER_API_KEY", "dk_secret_value"),
            Map.entry("DEVCASTER_BASE_URL", "http://127.0.0.1:8089/"),
            Map.entry("WATCH_NAMESPACES", "team-a, team-b"),
            Map.entry("RESYNC_PERIOD", "90s"),
            Map.entry("DEFAULT_TOOLKIT_VERSIONS", "github=20250909_00,slack=latest"),
            Map.entry("RECONCILE_CONCURRENCY", "4"),
            Map.entry("DEVCASTER_RATE_LIMIT", "2.5"),
            Map.entry("DEFAULT_DELETION_POLICY", "orphan"),
            Map.entry("LEADER_ELECTION", "true"),
            Map.entry("POD_NAMESPACE", "devcaster-system"),
            Map.entry("LOG_FORMAT", "json"),
            Map.entry("HTTP_PORT", "0")));

        assertThat(config.defaultApiKey()).contains("dk_secret_value");
        assertThat(config.baseUrl()).hasToString("http://127.0.0.1:8089");
        assertThat(config.watchNamespaces()).isEqualTo(Set.of("team-a", "team-b"));
        assertThat(config.resyncPeriod()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.toolkitVersionFor("github")).isEqualTo("20250909_00");
        assertThat(config.toolkitVersionFor("gmail")).isEqualTo("latest");
        assertThat(config.concurrency()).isEqualTo(4);
        assertThat(config.rateLimit()).isEqualTo(2.5);
        assertThat(config.defaultDeletionPolicy()).isEqualTo(DeletionPolicy.Orphan);
        assertThat(config.leaderElection()).isTrue();
        assertThat(config.leaderElectionNamespace()).isEqualTo("devcaster-system");
        assertThat(config.get(Settings.LOG_FORMAT)).isEqualTo(LogFormat.JSON);
        assertThat(config.httpPort()).isZero();
        assertThat(config.toString()).doesNotContain("dk_secret_value");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DEVCASTER_BASE_URL|ftp://x",
        "WATCH_NAMESPACES|Team_A",
        "RESYNC_PERIOD|soon",
        "RESYNC_PERIOD|0s",
        "DEFAULT_TOOLKIT_VERSIONS|github",
        "DEFAULT_TOOLKIT_VERSIONS|github=v2",
        "RECONCILE_CONCURRENCY|0",
        "DEVCASTER_RATE_LIMIT|-1",
        "DEFAULT_DELETION_POLICY|Keep",
        "LEADER_ELECTION|yes",
        "LOG_FORMAT|xml",
        "LOG_LEVEL|loud",
        "HTTP_PORT|70000",
        "HTTP_BIND_ADDRESS|localhost",
        "HTTP_BIND_ADDRESS|256.0.0.1",
    })
    void invalidValueFailsNamingTheVariable(String variable, String value) {
        assertThatThrownBy(() -> OperatorConfig.from(Map.of(variable, value)))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith(variable + ": ");
    }

    @Test
    void apiKeyWithLineBreaksIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> OperatorConfig.from(Map.of("DEVCASTER_API_KEY", "dk_part\nsecret_rest")))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("DEVCASTER_API_KEY: ")
            .hasMessageNotContaining("secret_rest");
    }

    @Test
    void everyInvalidVariableIsReportedAtOnce() {
        assertThatThrownBy(() -> OperatorConfig.from(Map.of("RESYNC_PERIOD", "soon", "HTTP_PORT", "-1",
            "LOG_FORMAT", "xml")))
            .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("RESYNC_PERIOD: 'soon' is not a duration"))
                .anySatisfy(p -> assertThat(p).startsWith("HTTP_PORT: '-1' is not a port"))
                .anySatisfy(p -> assertThat(p).startsWith("LOG_FORMAT: 'xml' is not one of [text, json]")));
    }

    @Test
    void fallbackVariablesApplyWhenTheSettingIsUnset() {
        OperatorConfig config = OperatorConfig.from(Map.of("POD_NAMESPACE", "ops", "HOSTNAME", "pod-7"));

        assertThat(config.leaderElectionNamespace()).isEqualTo("ops");
        assertThat(config.leaderElectionIdentity()).isEqualTo("pod-7");
        assertThat(OperatorConfig.from(Map.of("LEADER_ELECTION_NAMESPACE", "lease-ns", "POD_NAMESPACE", "ops"))
            .leaderElectionNamespace()).isEqualTo("lease-ns");
    }
}
