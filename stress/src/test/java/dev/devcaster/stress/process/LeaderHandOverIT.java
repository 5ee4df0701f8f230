package dev.devcaster.stress.process;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.EmulatorConfig;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerSpec;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two operator processes with leader election; the Lease is taken from the leader by force while
 * it has work. From the moment it can see that (its next renew, 2 s), the old leader sends no
 * remote write, and it exits; the new leader carries on. Each process talks to Devcaster through
 * its own recording proxy, so every request is attributed to the process that sent it.
 */
class LeaderHandOverIT {

    static final String NS = "handover";
    static final String KEY = "dk_handover";
    static final String LEASE = "devcaster-operator";
    /** Fabric8's renew retry period: the latest moment a leader can notice another holder. */
    static final Duration NOTICE = Duration.ofSeconds(2);

    @Test
    void aReplicaThatLosesTheLeaseStopsWritingAtOnce(@TempDir Path dir) throws Exception {
        ControlPlaneBinaries binaries = ControlPlaneBinaries.fromSystem().ensure(OperatorProcess.repoRoot());
        OperatorProcess.Jar jar = OperatorProcess.Jar.fromSystem();
        try (DevcasterEmulator emulator = DevcasterEmulator.start(EmulatorConfig.defaults());
             LocalControlPlane cluster = LocalControlPlane.start(binaries, dir);
             RecordingProxy toA = RecordingProxy.to(emulator.baseUrl());
             RecordingProxy toB = RecordingProxy.to(emulator.baseUrl())) {
            cluster.installCrd(OperatorProcess.repoRoot().resolve("crds/triggers.devcaster.dev.yaml"));
            KubernetesClient client = cluster.client();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
            emulator.project(KEY).addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
            // Every remote call takes a while, so the leader is mid-work when the Lease goes.
            emulator.faults().latency(Duration.ofMillis(150));

            // B starts only once A holds the Lease: two replicas started together race for it.
            try (OperatorProcess a = replica(jar, cluster, toA, "replica-a", dir)) {
                a.awaitReady(Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(60)).until(() -> "replica-a".equals(holder(client)));
                try (OperatorProcess b = replica(jar, cluster, toB, "replica-b", dir)) {
                    b.awaitReady(Duration.ofSeconds(60));
                    handOver(client, emulator, a, toA, toB);
                }
            }
        }
    }

    static void handOver(KubernetesClient client, DevcasterEmulator emulator, OperatorProcess a,
                         RecordingProxy toA, RecordingProxy toB) throws Exception {
        IntStream.range(0, 10).forEach(i -> apply(client, NS, "before-" + i));
        await().atMost(Duration.ofSeconds(60)).until(() -> ready(client, NS) >= 10);

        // Work under way, then the Lease is taken.
        IntStream.range(0, 30).forEach(i -> apply(client, NS, "during-" + i));
        Instant taken = takeLease(client, "replica-b");

        await().atMost(Duration.ofSeconds(90)).until(() -> ready(client, NS) == 40);
        assertThat(a.waitForExit(Duration.ofSeconds(30))).as("the old leader exits").isTrue();

        List<RecordingProxy.Request> lateWritesOfA = toA.requests().stream()
            .filter(RecordingProxy.Request::write).filter(r -> r.at().isAfter(taken.plus(NOTICE))).toList();
        assertThat(lateWritesOfA).as("writes of the old leader after it could see the new one").isEmpty();
        assertThat(toB.requests().stream().filter(RecordingProxy.Request::write))
            .as("the new leader did the rest").isNotEmpty();
        assertThat(emulator.project(KEY).triggers()).as("one remote trigger per Trigger").hasSize(40);
    }

    static OperatorProcess replica(OperatorProcess.Jar jar, LocalControlPlane cluster, RecordingProxy devcaster,
                                   String identity, Path dir) {
        return OperatorProcess.builder(jar).name(identity).logFile(dir.resolve(identity + ".log"))
            .kubeconfig(cluster.kubeconfig())
            .set(Settings.BASE_URL, devcaster.baseUrl().toString())
            .set(Settings.API_KEY, KEY)
            .set(Settings.DEFAULT_API_KEY_NAMESPACES, NS)
            .set(Settings.WATCH_NAMESPACES, NS)
            .set(Settings.OPERATOR_NAMESPACE, NS)
            .set(Settings.LEADER_ELECTION, "true")
            .set(Settings.LEADER_ELECTION_NAMESPACE, NS)
            .set(Settings.LEADER_ELECTION_LEASE_NAME, LEASE)
            .set(Settings.POD_NAME, identity)
            .set(Settings.RATE_LIMIT, "0")
            .set(Settings.CONCURRENCY, "2")
            .start();
    }

    /** What a forced take-over looks like to the old leader: another holder with a fresh renew time. */
    static Instant takeLease(KubernetesClient client, String holder) {
        Lease lease = client.leases().inNamespace(NS).withName(LEASE).get();
        lease.getSpec().setHolderIdentity(holder);
        lease.getSpec().setRenewTime(ZonedDateTime.now());
        lease.getSpec().setAcquireTime(ZonedDateTime.now());
        client.leases().inNamespace(NS).resource(lease).update();
        return Instant.now();
    }

    static String holder(KubernetesClient client) {
        Lease lease = client.leases().inNamespace(NS).withName(LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** A GitHub commit Trigger of alice in {@code namespace}. */
    static void apply(KubernetesClient client, String namespace, String name) {
        Trigger t = new Trigger();
        t.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        TriggerSpec spec = new TriggerSpec();
        spec.setSlug("GITHUB_COMMIT_EVENT");
        spec.setUserId("alice");
        spec.getTriggerConfig().put("owner", "acme").put("repo", name);
        t.setSpec(spec);
        client.resources(Trigger.class).inNamespace(namespace).resource(t).create();
    }

    static long ready(KubernetesClient client, String namespace) {
        return client.resources(Trigger.class).inNamespace(namespace).list().getItems().stream()
            .filter(t -> t.getStatus() != null && t.getStatus().getConditions() != null
                && t.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
                && "True".equals(c.getStatus())))
            .count();
    }
}
