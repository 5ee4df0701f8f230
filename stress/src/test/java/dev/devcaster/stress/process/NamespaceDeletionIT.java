package dev.devcaster.stress.process;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.EmulatorConfig;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerSpec;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deleting namespaces, through kube-controller-manager's real namespace controller, right after an
 * operator restart: the controller removes the Triggers' Secrets in whatever order it likes, the
 * restarted operator never saw those keys, and still every finalizer completes and every remote
 * trigger goes (with the keys the operator kept in its key vault).
 */
class NamespaceDeletionIT {

    static final String DEFAULT_KEY = "dk_default_project";
    static final String TEAM_KEY = "dk_team_project";
    static final String OPERATOR_NS = "devcaster-system";
    static final List<String> TEAMS = List.of("team-a", "team-b", "team-c", "team-d");

    @Test
    void namespacesDeletedTogetherAfterARestartLeaveNothingBehind(@TempDir Path dir) throws Exception {
        ControlPlaneBinaries binaries = ControlPlaneBinaries.fromSystem().ensure(OperatorProcess.repoRoot());
        OperatorProcess.Jar jar = OperatorProcess.Jar.fromSystem();
        try (DevcasterEmulator emulator = DevcasterEmulator.start(EmulatorConfig.defaults());
             LocalControlPlane cluster = LocalControlPlane.start(binaries, dir)) {
            cluster.installCrd(OperatorProcess.repoRoot().resolve("crds/triggers.devcaster.dev.yaml"));
            cluster.startNamespaceController(binaries, dir.resolve("kube-controller-manager.log"));
            KubernetesClient client = cluster.client();
            emulator.project(DEFAULT_KEY).addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
            emulator.project(TEAM_KEY).addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
            namespace(client, OPERATOR_NS);
            for (String team : TEAMS) {
                namespace(client, team);
                client.secrets().inNamespace(team).resource(new SecretBuilder().withNewMetadata().withName("creds")
                    .endMetadata().withStringData(Map.of("apiKey", TEAM_KEY)).build()).create();
                apply(client, team, "by-default-key", null);
                apply(client, team, "by-secret", new SecretKeyRef("creds", "apiKey"));
            }

            try (OperatorProcess first = operator(jar, cluster, emulator, dir, "first")) {
                await().atMost(Duration.ofSeconds(90)).until(() -> ready(client) == 2 * TEAMS.size());
                first.sigkill();
                first.waitForExit(Duration.ofSeconds(10));
            }
            assertThat(emulator.project(DEFAULT_KEY).triggers()).hasSize(TEAMS.size());
            assertThat(emulator.project(TEAM_KEY).triggers()).hasSize(TEAMS.size());

            try (OperatorProcess restarted = operator(jar, cluster, emulator, dir, "restarted")) {
                restarted.awaitReady(Duration.ofSeconds(60));
                TEAMS.forEach(team -> client.namespaces().withName(team).delete());

                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> TEAMS.stream().allMatch(team -> client.namespaces().withName(team).get() == null));
            }
            assertThat(emulator.project(DEFAULT_KEY).triggers()).as("default project").isEmpty();
            assertThat(emulator.project(TEAM_KEY).triggers()).as("the teams' project").isEmpty();
        }
    }

    static OperatorProcess operator(OperatorProcess.Jar jar, LocalControlPlane cluster, DevcasterEmulator emulator,
                                    Path dir, String name) {
        return OperatorProcess.builder(jar).name(name).logFile(dir.resolve(name + ".log"))
            .kubeconfig(cluster.kubeconfig())
            .set(Settings.BASE_URL, emulator.baseUrl().toString())
            .set(Settings.API_KEY, DEFAULT_KEY)
            .set(Settings.DEFAULT_API_KEY_NAMESPACES, String.join(",", TEAMS))
            .set(Settings.OPERATOR_NAMESPACE, OPERATOR_NS)
            .set(Settings.RATE_LIMIT, "0")
            .set(Settings.RECHECK_PERIOD, "2s")
            .start();
    }

    static void namespace(KubernetesClient client, String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
            .create();
    }

    static void apply(KubernetesClient client, String namespace, String name, SecretKeyRef secret) {
        Trigger t = new Trigger();
        t.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        TriggerSpec spec = new TriggerSpec();
        spec.setSlug("GITHUB_COMMIT_EVENT");
        spec.setUserId("alice");
        spec.getTriggerConfig().put("owner", "acme").put("repo", namespace + "-" + name);
        spec.setCredentialsSecretRef(secret);
        t.setSpec(spec);
        client.resources(Trigger.class).inNamespace(namespace).resource(t).create();
    }

    static long ready(KubernetesClient client) {
        return client.resources(Trigger.class).inAnyNamespace().list().getItems().stream()
            .filter(t -> t.getStatus() != null && t.getStatus().getConditions() != null
                && t.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
                && "True".equals(c.getStatus())))
            .count();
    }
}
