package dev.devcaster.operator.install;

import dev.devcaster.operator.testing.RepoPaths;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.emulator.state.SeedDocument;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.operator.cluster.KubernetesClusterExtension;
import dev.devcaster.operator.cluster.TestNamespace;
import dev.devcaster.operator.testing.EmulatorExtension;
import dev.devcaster.operator.testing.Kubectl;
import dev.devcaster.operator.testing.WebhookHarness;
import dev.devcaster.operator.testing.RunningOperator;
import dev.devcaster.operator.testing.TriggerAwait;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in examples/ are what people copy: the API server accepts each of them, the
 * Kustomize overlay builds with kubectl, the GitOps manifests point at folders that exist, and
 * with the operator and the demo project of the sandbox every example ends where its comments say.
 */
@ExtendWith({KubernetesClusterExtension.class, EmulatorExtension.class})
class ExamplesIT {

    static final Path EXAMPLES = RepoPaths.EXAMPLES;
    static final String SANDBOX_KEY = "dk_sandbox";
    static final FluxHealth FLUX = FluxHealth.fromKustomization(EXAMPLES.resolve("flux/kustomization.yaml"),
        "devcaster.dev/v1alpha1", "Trigger");

    static List<HasMetadata> load(String... files) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String file : files) {
            objects.addAll(Manifests.read(EXAMPLES.resolve(file)));
        }
        return objects;
    }

    static final String[] TRIGGERS = {"triggers/github-commits.yaml", "triggers/slack-messages.yaml",
        "triggers/gmail-inbox.yaml", "triggers/github-stars-disabled.yaml"};

    @Test
    void everyKubernetesExampleIsAcceptedByTheApiServer(KubernetesClient client, TestNamespace namespace) {
        List<HasMetadata> examples = load(TRIGGERS);
        examples.addAll(load("invalid/github-missing-repo.yaml", "credentials/secret.yaml", "credentials/trigger.yaml"));

        assertThat(examples).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
            "Trigger/github-commits", "Trigger/slack-messages", "Trigger/gmail-inbox", "Trigger/github-stars",
            "Trigger/broken-config", "Secret/devcaster-credentials", "Trigger/github-commits-team-key");
        assertThat(examples).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as("no namespace in examples").isNull());
        for (HasMetadata example : examples) {
            HasMetadata created = client.resource(example).inNamespace(namespace.name()).create();
            assertThat(created.getMetadata().getUid()).isNotBlank();
        }
        // No operator runs in this test: as stored, a Trigger has no status. kstatus alone calls it
        // Current; the Flux example's health check does not.
        GenericKubernetesResource unseen = client.genericKubernetesResources("devcaster.dev/v1alpha1", "Trigger")
            .inNamespace(namespace.name()).withName("github-commits").get();
        assertThat(FluxHealth.kstatus(unseen)).isEqualTo(FluxHealth.Status.Current);
        assertThat(FLUX.evaluate(unseen)).isEqualTo(FluxHealth.Status.Unknown);
        // The kustomization of examples/triggers lists exactly the trigger files.
        GenericKubernetesResource kustomization = Manifests.read(EXAMPLES.resolve("triggers/kustomization.yaml")).stream()
            .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
        assertThat(kustomization.<List<String>>get("resources")).containsExactlyInAnyOrder(
            "github-commits.yaml", "slack-messages.yaml", "gmail-inbox.yaml", "github-stars-disabled.yaml");
    }

    @Test
    void productionOverlayBuildsAndIsAccepted(KubernetesClient client, TestNamespace namespace) throws Exception {
        List<HasMetadata> built = Manifests.parse(kubectl("kustomize", EXAMPLES.resolve("kustomize/overlays/production").toString()));

        assertThat(built).filteredOn(o -> o instanceof Namespace).singleElement()
            .satisfies(n -> assertThat(n.getMetadata().getName()).isEqualTo("devcaster-production"));
        List<Trigger> triggers = built.stream().filter(o -> "Trigger".equals(o.getKind()))
            .map(o -> client.getKubernetesSerialization().convertValue(o, Trigger.class)).toList();
        assertThat(triggers).extracting(t -> t.getMetadata().getName())
            .containsExactlyInAnyOrder("github-commits", "slack-messages", "gmail-inbox", "github-stars");
        assertThat(triggers).allSatisfy(t -> {
            assertThat(t.getMetadata().getNamespace()).isEqualTo("devcaster-production");
            assertThat(t.getMetadata().getLabels()).containsEntry("environment", "production");
        });
        Trigger patched = triggers.stream().filter(t -> t.getMetadata().getName().equals("github-commits")).findFirst().orElseThrow();
        assertThat(patched.getSpec().getToolkitVersion()).isEqualTo("20250909_00");
        assertThat(patched.getSpec().getTriggerConfig().get("branch").asText()).isEqualTo("main");
        assertThat(patched.getSpec().getTriggerConfig().get("repo").asText()).isEqualTo("api");

        // Applied into the test namespace (the cluster is shared), the API server validates every Trigger.
        for (Trigger t : triggers) {
            t.getMetadata().setNamespace(namespace.name());
            Trigger applied = client.resource(t).serverSideApply();
            assertThat(applied.getMetadata().getLabels()).containsEntry("environment", "production");
        }
    }

    @Test
    void gitOpsManifestsPointAtFoldersThatExist() {
        GenericKubernetesResource app = (GenericKubernetesResource) load("argocd/application.yaml").get(0);
        assertThat(app.getApiVersion()).isEqualTo("argoproj.io/v1alpha1");
        assertThat(app.getKind()).isEqualTo("Application");
        String appPath = app.get("spec", "source", "path");
        assertThat(RepoPaths.ROOT.resolve(appPath).resolve("kustomization.yaml")).isRegularFile();

        List<HasMetadata> flux = load("flux/gitrepository.yaml", "flux/kustomization.yaml");
        GenericKubernetesResource repo = (GenericKubernetesResource) flux.get(0);
        GenericKubernetesResource kustomization = (GenericKubernetesResource) flux.get(1);
        assertThat(repo.getApiVersion()).isEqualTo("source.toolkit.fluxcd.io/v1");
        assertThat(kustomization.getApiVersion()).isEqualTo("kustomize.toolkit.fluxcd.io/v1");
        assertThat(kustomization.<String>get("spec", "sourceRef", "kind")).isEqualTo("GitRepository");
        assertThat(kustomization.<String>get("spec", "sourceRef", "name")).isEqualTo(repo.getMetadata().getName());
        String fluxPath = kustomization.get("spec", "path");
        assertThat(RepoPaths.ROOT.resolve(fluxPath).resolve("kustomization.yaml")).isRegularFile();
        assertThat(fluxPath).isEqualTo("./" + appPath);

        ConfigMap health = (ConfigMap) load("argocd/health-check.yaml").get(0);
        assertThat(health.getMetadata().getName()).isEqualTo("argocd-cm");
        assertThat(health.getData()).containsOnlyKeys("resource.customizations.health.devcaster.dev_Trigger");
        assertThat(health.getData().values().iterator().next())
            .contains("\"Healthy\"", "\"Progressing\"", "\"Degraded\"", "\"Suspended\"", "Stalled", "observedGeneration", "Paused");
    }

    @Test
    void examplesReachTheReadyReasonsTheirCommentsPromise(KubernetesClient client, TestNamespace namespace,
                                                          DevcasterEmulator emulator) {
        emulator.seed(sandboxSeed());
        String ns = namespace.name();
        Project project = emulator.project(SANDBOX_KEY);
        TriggerAwait triggers = new TriggerAwait(client, ns);
        List<HasMetadata> examples = load(TRIGGERS);
        examples.addAll(load("invalid/github-missing-repo.yaml", "credentials/secret.yaml", "credentials/trigger.yaml"));

        try (var op = RunningOperator.builder(client, ns, emulator.baseUrl()).defaultApiKey(SANDBOX_KEY).start()) {
            for (HasMetadata example : examples) {
                if (example instanceof Secret secret) {
                    // The example's placeholder, replaced as its comment says (here: the sandbox key).
                    assertThat(secret.getStringData().get("apiKey")).startsWith("REPLACE_WITH");
                    secret.getStringData().put("apiKey", SANDBOX_KEY);
                }
                client.resource(example).inNamespace(ns).create();
            }

            Trigger commits = triggers.ready("github-commits");
            assertThat(commits.getStatus().getConnectedAccountId()).isEqualTo("ca_alice_github");
            assertThat(triggers.ready("slack-messages").getStatus().getConnectedAccountId()).isEqualTo("ca_alice_slack");
            Trigger gmail = triggers.ready("gmail-inbox");
            assertThat(project.trigger(gmail.getStatus().getTriggerId())).hasValueSatisfying(i -> assertThat(i.config())
                .containsEntry("labelIds", "INBOX").containsEntry("userId", "me").containsEntry("query", "")
                .containsKey("interval"));
            Trigger stars = triggers.ready("github-stars");
            assertThat(stars.getStatus().getState()).isEqualTo(TriggerState.Disabled);
            assertThat(stars.getStatus().getConnectedAccountId()).isEqualTo("ca_bob_github_new");
            assertThat(project.trigger(stars.getStatus().getTriggerId())).hasValueSatisfying(i -> assertThat(i.enabled()).isFalse());
            Trigger broken = triggers.reason("broken-config", "InvalidConfig");
            assertThat(TriggerAwait.ready(broken).orElseThrow().getMessage()).contains("triggerConfig.repo");
            assertThat(TriggerAwait.condition(broken, "Stalled")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            Trigger teamKey = triggers.ready("github-commits-team-key");

            // The Flux example's health check on the objects as the API server returns them.
            var stored = client.genericKubernetesResources("devcaster.dev/v1alpha1", "Trigger").inNamespace(ns);
            assertThat(FLUX.evaluate(stored.withName("github-commits").get())).isEqualTo(FluxHealth.Status.Current);
            assertThat(FLUX.evaluate(stored.withName("broken-config").get())).isEqualTo(FluxHealth.Status.Failed);

            assertThat(project.triggers()).extracting(TriggerInstance::id).containsExactlyInAnyOrder(
                commits.getStatus().getTriggerId(), triggers.get("slack-messages").getStatus().getTriggerId(),
                gmail.getStatus().getTriggerId(), stars.getStatus().getTriggerId(), teamKey.getStatus().getTriggerId());
        }
    }

    @Test
    void theCiScriptValidatesAgainstTheLiveSchemaThroughTheWebhookAndStoresNothing(KubernetesClient client,
                                                                                  TestNamespace namespace,
                                                                                  DevcasterEmulator emulator) {
        emulator.seed(sandboxSeed());
        String ns = namespace.name();
        Kubectl kubectl = Kubectl.forCluster(client.getConfiguration());
        String script = EXAMPLES.resolve("ci/validate-triggers.sh").toString();
        try (WebhookHarness webhook = WebhookHarness.register(client, "Ignore", 5, ns);
             var op = webhook.serve(RunningOperator.builder(client, ns, emulator.baseUrl()).defaultApiKey(SANDBOX_KEY))
                 .start()) {
            webhook.awaitServing(ns);

            Kubectl.Result valid = kubectl.script(java.util.Map.of(), "bash", script, ns,
                EXAMPLES.resolve("triggers").toString());
            Kubectl.Result invalid = kubectl.script(java.util.Map.of(), "bash", script, ns,
                EXAMPLES.resolve("triggers/github-commits.yaml").toString(), EXAMPLES.resolve("invalid").toString());

            assertThat(valid.exitCode()).as(valid.output()).isZero();
            assertThat(valid.stdout()).contains("trigger.devcaster.dev/github-commits created (server dry run)")
                .contains("trigger.devcaster.dev/gmail-inbox created (server dry run)");
            assertThat(invalid.exitCode()).as(invalid.output()).isEqualTo(1);
            assertThat(invalid.stdout()).contains("trigger.devcaster.dev/github-commits created (server dry run)");
            assertThat(invalid.stderr()).contains("admission webhook \"triggers.devcaster.dev\" denied the request: "
                + "config does not match the schema of GITHUB_COMMIT_EVENT at toolkit version 20250909_00: "
                + "triggerConfig.repo: required");
            assertThat(client.resources(Trigger.class).inNamespace(ns).list().getItems()).as("a dry run stores nothing")
                .isEmpty();
            assertThat(kubectl.script(java.util.Map.of(), "bash", script).exitCode()).as("usage").isEqualTo(2);
        }
        // The workflow runs the script; its ServiceAccount's rights are accepted by the API server.
        String workflow = readString(EXAMPLES.resolve("ci/github-actions.yaml"));
        assertThat(workflow).contains("examples/ci/validate-triggers.sh");
        for (HasMetadata object : load("ci/rbac.yaml")) {
            assertThat(client.resource(object).inNamespace(ns).create().getMetadata().getUid()).isNotBlank();
        }
    }

    private static String readString(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The demo project of the examples contract (the same data hack/sandbox.sh seeds). */
    static SeedDocument sandboxSeed() {
        return new SeedDocument(null, List.of(new SeedDocument.Project(SANDBOX_KEY, List.of(), List.of(
            account("ca_alice_github", "alice", "github", "ACTIVE", "2025-03-01T00:00:00Z"),
            account("ca_alice_slack", "alice", "slack", "ACTIVE", "2025-03-01T00:00:00Z"),
            account("ca_alice_gmail", "alice", "gmail", "ACTIVE", "2025-03-01T00:00:00Z"),
            account("ca_bob_github_old", "bob", "github", "ACTIVE", "2025-01-01T00:00:00Z"),
            account("ca_bob_github_new", "bob", "github", "ACTIVE", "2025-06-01T00:00:00Z"),
            account("ca_carol_github", "carol", "github", "EXPIRED", "2025-02-01T00:00:00Z")), List.of())));
    }

    private static SeedDocument.Account account(String id, String user, String toolkit, String status, String created) {
        return new SeedDocument.Account(id, user, toolkit, null, status, null, created, created);
    }

    private static String kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RepoPaths.KUBECTL));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("kubectl %s:%n%s", String.join(" ", args), text).isZero();
        return text;
    }
}
