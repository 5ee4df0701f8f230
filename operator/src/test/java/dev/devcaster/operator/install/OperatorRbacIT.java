package dev.devcaster.operator.install;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.operator.cluster.KubernetesClusterExtension;
import dev.devcaster.operator.cluster.TestCluster;
import dev.devcaster.operator.cluster.TestNamespace;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.testing.EmulatorExtension;
import dev.devcaster.operator.testing.RunningOperator;
import dev.devcaster.operator.testing.TriggerAwait;
import dev.devcaster.operator.testing.WebhookHarness;
import dev.devcaster.operator.trigger.DeletionPolicy;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.devcaster.operator.testing.TriggerAwait.eventually;
import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The chart's RBAC is enough, and no more than enough: the operator runs with a client that
 * impersonates the chart's ServiceAccount, so the real API server authorizes every call against
 * the rendered (Cluster)Roles only.
 */
@ExtendWith({KubernetesClusterExtension.class, EmulatorExtension.class})
class OperatorRbacIT {

    static final String KEY = "key-rbac";
    static final String SECRET_KEY = "key-rbac-team";

    KubernetesClient admin;
    TestCluster cluster;
    DevcasterEmulator emulator;
    Project project;
    Project teamProject;
    String ns;
    TriggerAwait triggers;
    final List<HasMetadata> clusterScoped = new ArrayList<>();
    final List<KubernetesClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp(KubernetesClient client, TestCluster cluster, DevcasterEmulator emulator, TestNamespace namespace) {
        this.admin = client;
        this.cluster = cluster;
        this.emulator = emulator;
        this.ns = namespace.name();
        this.triggers = new TriggerAwait(client, ns);
        this.project = emulator.project(KEY);
        this.teamProject = emulator.project(SECRET_KEY);
        project.addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now().minus(5, ChronoUnit.MINUTES));
        teamProject.addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now().minus(5, ChronoUnit.MINUTES));
    }

    @AfterEach
    void tearDown() {
        clients.forEach(KubernetesClient::close);
        clusterScoped.forEach(o -> admin.resource(o).delete());
    }

    /** Applies the chart's ServiceAccount and RBAC objects (release namespace = the test namespace). */
    RenderedChart installRbac(RenderedChart chart) {
        for (HasMetadata object : chart.objects()) {
            boolean vault = object instanceof io.fabric8.kubernetes.api.model.Secret secret
                && (secret.getMetadata().getName().endsWith("-keys") || secret.getMetadata().getName().endsWith("-webhook-tls"));
            if (vault || object instanceof ServiceAccount || object instanceof Role || object instanceof RoleBinding
                || object instanceof ClusterRole || object instanceof ClusterRoleBinding) {
                admin.resource(object).forceConflicts().serverSideApply();
                if (object instanceof ClusterRole || object instanceof ClusterRoleBinding) {
                    clusterScoped.add(object);
                }
            }
        }
        return chart;
    }

    /** A client that is the chart's ServiceAccount, as the operator pod would be. */
    KubernetesClient asServiceAccount(RenderedChart chart) {
        String sa = chart.one(ServiceAccount.class).getMetadata().getName();
        var config = new ConfigBuilder(cluster.config())
            .withImpersonateUsername("system:serviceaccount:" + ns + ":" + sa)
            .withImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated")
            .build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        clients.add(client);
        return client;
    }

    RunningOperator.Builder operator(KubernetesClient client, RenderedChart chart) {
        RunningOperator.Builder builder = RunningOperator.builder(client, ns, emulator.baseUrl()).defaultApiKey(KEY);
        // The chart's leader election and key vault settings, as the pod would get them.
        for (String name : List.of(Settings.LEADER_ELECTION.env(), Settings.LEADER_ELECTION_NAMESPACE.env(),
            Settings.LEADER_ELECTION_LEASE_NAME.env(), Settings.KEY_VAULT_SECRET.env(),
            Settings.WEBHOOK_CONFIGURATION.env(), Settings.WEBHOOK_CERT_SECRET.env())) {
            chart.envValue(name).ifPresent(v -> builder.env(name, v));
        }
        return builder.env("POD_NAME", "devcaster-operator-0");
    }

    Trigger githubCommits(String name, String repo) {
        Trigger t = trigger(name, "GITHUB_COMMIT_EVENT", "alice");
        t.getSpec().getTriggerConfig().put("owner", "acme").put("repo", repo);
        return t;
    }

    void apply(Trigger t) {
        admin.resources(Trigger.class).inNamespace(ns).resource(t).serverSideApply();
    }

    @Test
    void namespacedRolesWithLeaderElectionAreEnoughForEveryCoreScenario() {
        RenderedChart chart = installRbac(RenderedChart.render(ns, """
            replicaCount: 2
            watchNamespaces: [%s]
            """.formatted(ns)));
        assertThat(chart.all(ClusterRole.class)).as("only the webhook's caBundle rule")
            .allMatch(r -> r.getMetadata().getName().endsWith("-webhook"));
        KubernetesClient operatorClient = asServiceAccount(chart);
        // It really is the ServiceAccount: nothing outside its Roles.
        assertThatThrownBy(() -> operatorClient.secrets().inNamespace("default").list())
            .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        admin.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("team-creds").endMetadata()
            .withStringData(Map.of("apiKey", SECRET_KEY)).build()).create();
        // The namespace annotation (read with the Role's namespaces/get) makes Orphan the default here.
        admin.namespaces().withName(ns).edit(n -> {
            n.getMetadata().setAnnotations(Map.of("devcaster.dev/deletion-policy", "Orphan"));
            return n;
        });

        try (var op = operator(operatorClient, chart).start()) {
            Trigger byUser = githubCommits("by-user", "api");
            byUser.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
            apply(byUser);
            Trigger bySecret = githubCommits("by-secret", "web");
            bySecret.getSpec().setCredentialsSecretRef(new SecretKeyRef("team-creds", "apiKey"));
            apply(bySecret);
            apply(githubCommits("orphaned", "docs"));

            Trigger ready = triggers.ready("by-user");
            assertThat(project.triggers()).extracting(TriggerInstance::id).contains(ready.getStatus().getTriggerId());
            assertThat(ready.getMetadata().getFinalizers()).isNotEmpty();
            Trigger secretReady = triggers.ready("by-secret");
            assertThat(teamProject.triggers()).extracting(TriggerInstance::id).containsExactly(secretReady.getStatus().getTriggerId());
            String orphanId = triggers.ready("orphaned").getStatus().getTriggerId();
            eventually().until(() -> admin.v1().events().inNamespace(ns).list().getItems().stream()
                .anyMatch(e -> "by-user".equals(e.getInvolvedObject().getName()) && "Created".equals(e.getReason())));
            // The Lease Role lets the leader take the Lease and keep renewing it (Fabric8 renews with PATCH).
            String lease = chart.envValue(Settings.LEADER_ELECTION_LEASE_NAME.env()).orElseThrow();
            Lease taken = admin.leases().inNamespace(ns).withName(lease).get();
            assertThat(taken.getSpec().getHolderIdentity()).isEqualTo("devcaster-operator-0");
            eventually().until(() -> admin.leases().inNamespace(ns).withName(lease).get().getSpec().getRenewTime()
                .isAfter(taken.getSpec().getRenewTime()));
            assertThat(op.lostLeadership()).isFalse();

            admin.resources(Trigger.class).inNamespace(ns).withName("by-user").delete();
            admin.resources(Trigger.class).inNamespace(ns).withName("orphaned").delete();

            eventually().until(() -> triggers.get("by-user") == null && triggers.get("orphaned") == null);
            assertThat(project.triggers()).extracting(TriggerInstance::id)
                .doesNotContain(ready.getStatus().getTriggerId()).containsExactly(orphanId);
        }
        // A graceful stop hands the Lease back (get + update of the named Lease).
        String lease = chart.envValue(Settings.LEADER_ELECTION_LEASE_NAME.env()).orElseThrow();
        assertThat(admin.leases().inNamespace(ns).withName(lease).get().getSpec().getHolderIdentity()).isNullOrEmpty();
    }

    @Test
    void clusterRoleOfTheDefaultInstallIsEnough() {
        // Release named after the namespace: the ClusterRole's name is unique to this test.
        RenderedChart chart = installRbac(RenderedChart.render(ns, ns, ""));
        assertThat(chart.all(ClusterRole.class)).filteredOn(r -> !r.getMetadata().getName().endsWith("-webhook")).hasSize(1);
        KubernetesClient operatorClient = asServiceAccount(chart);
        // Secrets by name only: the ServiceAccount can neither list nor watch the cluster's Secrets.
        assertThatThrownBy(() -> operatorClient.secrets().inAnyNamespace().list())
            .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        assertThatThrownBy(() -> operatorClient.secrets().inNamespace(ns).list())
            .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        admin.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("team-creds").endMetadata()
            .withStringData(Map.of("apiKey", SECRET_KEY)).build()).create();

        try (var op = operator(operatorClient, chart).start()) {
            apply(githubCommits("cluster-wide", "api"));
            Trigger bySecret = githubCommits("by-secret", "web");
            bySecret.getSpec().setCredentialsSecretRef(new SecretKeyRef("team-creds", "apiKey"));
            apply(bySecret);

            Trigger ready = triggers.ready("cluster-wide");
            assertThat(project.triggers()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(ready.getStatus().getTriggerId()));
            Trigger secretReady = triggers.ready("by-secret");
            assertThat(teamProject.triggers()).extracting(TriggerInstance::id)
                .containsExactly(secretReady.getStatus().getTriggerId());
        }
    }

    @Test
    void withoutTheStatusRuleNoTriggerEverBecomesReady() {
        RenderedChart chart = RenderedChart.render(ns, "watchNamespaces: [%s]".formatted(ns));
        Role role = chart.all(Role.class).stream().filter(r -> !r.getMetadata().getName().endsWith("-key-vault"))
            .findFirst().orElseThrow();
        role.getRules().removeIf(r -> r.getResources().contains("triggers/status"));
        installRbac(chart);
        KubernetesClient operatorClient = asServiceAccount(chart);

        try (var op = operator(operatorClient, chart).start()) {
            apply(githubCommits("no-status", "api"));

            // The operator runs and reaches Devcaster (the remote trigger exists) ...
            eventually().until(() -> project.triggers().size() == 1);
            // ... but cannot write the status: Ready never appears.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Trigger t = triggers.get("no-status");
                    return TriggerAwait.ready(t).isEmpty() && t.getStatus().getTriggerId() == null;
                });
            assertThat(project.triggers()).hasSize(1);
        }
    }

    @Test
    void theWebhookRightsOfTheChartAreEnoughToIssueAndRotateItsCertificateAndNoMore() {
        RenderedChart chart = installRbac(RenderedChart.render(ns, ns, "watchNamespaces: [%s]".formatted(ns)));
        // The chart's configuration, but called at this machine's port instead of through its Service.
        int port = WebhookHarness.freePort();
        ValidatingWebhookConfiguration configuration = chart.one(ValidatingWebhookConfiguration.class);
        configuration.getWebhooks().get(0).setClientConfig(new WebhookClientConfigBuilder()
            .withUrl("https://127.0.0.1:" + port + "/validate-trigger").build());
        clusterScoped.add(admin.resource(configuration).forceConflicts().serverSideApply());
        KubernetesClient operatorClient = asServiceAccount(chart);
        String secret = chart.envValue(Settings.WEBHOOK_CERT_SECRET.env()).orElseThrow();

        try (var op = operator(operatorClient, chart).set(Settings.WEBHOOK_PORT, Integer.toString(port))
            .set(Settings.HTTP_BIND_ADDRESS, "127.0.0.1").set(Settings.WEBHOOK_CERT_VALIDITY, "6s").start()) {
            Trigger broken = githubCommits("broken", "api");
            broken.getSpec().getTriggerConfig().remove("repo");
            eventually().until(() -> {
                try {
                    admin.resources(Trigger.class).inNamespace(ns).resource(broken).dryRun().create();
                    return false;
                } catch (KubernetesClientException e) {
                    return e.getMessage().contains("triggerConfig.repo: required");
                }
            });
            // Renewed in place (get + update of the one Secret), with no error logged.
            String first = admin.secrets().inNamespace(ns).withName(secret).get().getData().get("tls.crt");
            eventually().until(() -> !first.equals(admin.secrets().inNamespace(ns).withName(secret).get().getData()
                .get("tls.crt")));
            assertThat(admin.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(configuration.getMetadata().getName()).get().getWebhooks().get(0).getClientConfig()
                .getCaBundle()).isNotBlank();
        }
        // Nothing beyond the two named objects.
        assertThatThrownBy(() -> operatorClient.admissionRegistration().v1().validatingWebhookConfigurations().list())
            .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        assertThatThrownBy(() -> operatorClient.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
            .withName("another").endMetadata().build()).create())
            .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
}
