package dev.devcaster.operator.app;

import dev.devcaster.emulator.faults.FaultScope;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.operator.testing.PrometheusText;
import dev.devcaster.operator.testing.RunningOperator;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.devcaster.operator.testing.TriggerAwait.eventually;
import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;

/** The operator as a service: probes, Prometheus metrics, leader election and graceful hand-over. */
class OperatorRuntimeIT extends EndToEndTest {

    static final String KEY = "key-runtime";

    @Override
    protected String apiKey() {
        return KEY;
    }

    @BeforeEach
    void aliceHasGitHub() {
        project.addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
    }

    static Trigger commits(String name, String repo) {
        return githubCommits(name, "alice", repo);
    }

    @Test
    void probesAndPrometheusMetricsAreServed() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (var op = operatorBuilder()
            .set(Settings.HTTP_PORT, Integer.toString(port)).start()) {
            client.resources(Trigger.class).inNamespace(ns).resource(commits("metrics", "api")).create();
            Trigger bad = trigger("metrics-bad", "GITHUB_COMMIT_EVENT", "alice");
            client.resources(Trigger.class).inNamespace(ns).resource(bad).create();
            triggers.ready("metrics");
            triggers.reason("metrics-bad", "InvalidConfig");

            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + op.operator().httpPort();
            assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(200);
            eventually().until(() -> get(http, base + "/readyz").statusCode() == 200);
            String metrics = get(http, base + "/metrics").body();

            assertThat(metrics).contains("devcaster_triggers{reason=\"Synced\"} 1.0");
            assertThat(metrics).contains("devcaster_triggers{reason=\"InvalidConfig\"} 1.0");
            assertThat(metrics).containsPattern(
                "devcaster_client_requests_seconds_bucket\\{endpoint=\"POST /trigger_instances/\\{slug}/upsert\",[^}]*status=\"2xx\"");
            assertThat(metrics).contains("operator_sdk_reconciliations");
            assertThat(metrics).doesNotContain(KEY);

            // What a mature operator's scrape looks like: few buckets, stable names, build and process metrics.
            PrometheusText scrape = new PrometheusText(metrics);
            assertThat(scrape.bucketsPerSeries()).isNotEmpty().allSatisfy((series, buckets) ->
                assertThat(buckets).as(series).isLessThanOrEqualTo(10));
            assertThat(scrape.sampleNames()).contains("operator_sdk_controllers_execution_reconcile_seconds_bucket",
                    "operator_sdk_reconciliations_queue_size", "devcaster_operator_build_info", "process_cpu_usage",
                    "process_uptime_seconds", "process_files_open_files", "jvm_gc_memory_allocated_bytes_total")
                .noneMatch(name -> name.contains("triggerreconciler"));
            assertThat(metrics).doesNotContain("quantile=").contains("devcaster_operator_leader 1");
        }
    }

    @Test
    void onlyTheLeaderReconcilesAndAStandByTakesOverOnShutdown() {
        Set<String> upsertedBy = ConcurrentHashMap.newKeySet();
        RunningOperator first = elected("replica-a", upsertedBy);
        try (RunningOperator second = elected("replica-b", upsertedBy)) {
            client.resources(Trigger.class).inNamespace(ns).resource(commits("led-1", "api")).create();
            triggers.ready("led-1");
            String leader = lease().getSpec().getHolderIdentity();
            assertThat(upsertedBy).containsExactly(leader);
            RunningOperator leading = leader.equals("replica-a") ? first : second;
            RunningOperator waiting = leader.equals("replica-a") ? second : first;
            assertThat(leading.registry().get("devcaster.operator.leader").gauge().value()).isEqualTo(1.0);
            assertThat(waiting.registry().get("devcaster.operator.leader").gauge().value()).isEqualTo(0.0);

            RunningOperator leaderRun = leader.equals("replica-a") ? first : second;
            String standBy = leader.equals("replica-a") ? "replica-b" : "replica-a";
            leaderRun.close();

            eventually().until(() -> standBy.equals(lease().getSpec().getHolderIdentity()));
            client.resources(Trigger.class).inNamespace(ns).resource(commits("led-2", "web")).create();
            triggers.ready("led-2");
            assertThat(upsertedBy).contains(standBy);
            assertThat(project.triggers()).hasSize(2);
            assertThat(first.lostLeadership() || second.lostLeadership()).isFalse();
        } finally {
            first.close();
        }
    }

    @Test
    void aStandByThatTakesOverRetriesWhatFailedUnderTheOldLeader() {
        Set<String> upsertedBy = ConcurrentHashMap.newKeySet();
        try (RunningOperator first = elected("replica-a", upsertedBy)) {
            client.resources(Trigger.class).inNamespace(ns).resource(commits("failing", "api")).create();
            String id = triggers.ready("failing").getStatus().getTriggerId();
            // The stand-by's cache sees it Synced: nothing for it to do at its start.
            try (RunningOperator second = elected("replica-b", upsertedBy)) {
                eventually().until(() -> second.operator().ready());
                // Under the leader, a status change alone: the instance goes, and its recreation fails.
                emulator.faults().errorRate(1.0, FaultScope.of("POST", "/api/v3/trigger_instances/{slug}/upsert"));
                project.deleteTrigger(id);
                triggers.reason("failing", "RemoteError");

                first.close();
                eventually().until(() -> "replica-b".equals(lease().getSpec().getHolderIdentity()));
                emulator.faults().clear();

                Trigger recovered = triggers.ready("failing");
                assertThat(recovered.getStatus().getTriggerId()).isNotEqualTo(id);
                assertThat(upsertedBy).contains("replica-b");
            }
        }
    }

    private RunningOperator elected(String identity, Set<String> upsertedBy) {
        return operatorBuilder()
            .env("LEADER_ELECTION", "true")
            .env("LEADER_ELECTION_NAMESPACE", ns)
            .env("POD_NAME", identity)
            .afterUpsert((trigger, id) -> upsertedBy.add(identity))
            .start();
    }

    private Lease lease() {
        return client.leases().inNamespace(ns).withName("devcaster-operator").get();
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
