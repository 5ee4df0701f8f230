package dev.devcaster.operator.admission;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.operator.testing.Kubectl;
import dev.devcaster.operator.testing.RunningOperator;
import dev.devcaster.operator.testing.TlsProbe;
import dev.devcaster.operator.testing.WebhookHarness;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import static dev.devcaster.operator.testing.TriggerAwait.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas with leader election: admission needs no Lease, so the stand-by answers the API
 * server while the leader reconciles; both serve the one certificate of the shared Secret.
 */
class WebhookReplicasIT extends EndToEndTest {

    @Override
    protected String apiKey() {
        return "key-replicas";
    }

    private RunningOperator replica(String name, int webhookPort, String configuration) {
        return operatorBuilder()
            .set(Settings.LEADER_ELECTION, "true").set(Settings.LEADER_ELECTION_NAMESPACE, ns)
            .set(Settings.LEADER_ELECTION_LEASE_NAME, "devcaster-operator").env("POD_NAME", name)
            .set(Settings.WEBHOOK_PORT, Integer.toString(webhookPort)).set(Settings.WEBHOOK_CONFIGURATION, configuration)
            .set(Settings.HTTP_BIND_ADDRESS, "127.0.0.1")
            .start();
    }

    @Test
    void theStandByAnswersAdmissionWhileTheLeaderReconciles() throws Exception {
        account("alice", "github", AccountStatus.ACTIVE, 10);
        int leaderPort = WebhookHarness.freePort();
        int standByPort = WebhookHarness.freePort();
        // The API server calls the stand-by only.
        try (WebhookHarness webhook = WebhookHarness.register(client, standByPort, "Fail", 5, ns);
             RunningOperator leader = replica("replica-a", leaderPort, webhook.name())) {
            eventually().until(() -> client.leases().inNamespace(ns).withName("devcaster-operator").get() != null
                && "replica-a".equals(client.leases().inNamespace(ns).withName("devcaster-operator").get().getSpec()
                    .getHolderIdentity()));
            try (RunningOperator standBy = replica("replica-b", standByPort, webhook.name())) {
                webhook.awaitServing(ns);
                assertThat(gauge(standBy.registry(), "devcaster.operator.leader")).isZero();
                assertThat(gauge(leader.registry(), "devcaster.operator.leader")).isEqualTo(1);
                Kubectl kubectl = Kubectl.forCluster(client.getConfiguration());

                Kubectl.Result refused = kubectl.run(AdmissionWebhookIT.yaml("broken", "GITHUB_COMMIT_EVENT",
                    "userId: alice", "{owner: acme}"), "apply", "-n", ns, "-f", "-");
                Kubectl.Result admitted = kubectl.run(AdmissionWebhookIT.yaml("commits", "GITHUB_COMMIT_EVENT",
                    "userId: alice", "{owner: acme, repo: api}"), "apply", "-n", ns, "-f", "-");

                assertThat(refused.exitCode()).isNotZero();
                assertThat(refused.stderr()).contains("denied the request").contains("triggerConfig.repo: required");
                assertThat(admitted.exitCode()).as(admitted.output()).isZero();
                triggers.ready("commits");
                assertThat(admissions(standBy.registry())).isGreaterThanOrEqualTo(2);
                assertThat(admissions(leader.registry())).isZero();
                assertThat(gauge(standBy.registry(), "devcaster.operator.leader")).as("still the stand-by").isZero();
                assertThat(standBy.lostLeadership()).isFalse();
                // One Secret, one certificate: both replicas serve the same one, trusted by the one caBundle.
                String bundle = webhook.caBundles().get(0);
                assertThat(TlsProbe.served(leaderPort, bundle)).isEqualTo(TlsProbe.served(standByPort, bundle));
            }
        }
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }

    private static long admissions(MeterRegistry registry) {
        return registry.find("devcaster.admission.requests").timers().stream().mapToLong(Timer::count).sum();
    }
}
