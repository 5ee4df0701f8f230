package dev.devcaster.operator.install;

import dev.devcaster.operator.cluster.KubernetesClusterExtension;
import dev.devcaster.operator.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rendered chart against the real kube-apiserver: its schema validation accepts every object,
 * and its PodSecurity admission admits the operator pod under the restricted standard.
 */
@ExtendWith(KubernetesClusterExtension.class)
class ChartOnClusterIT {

    @Test
    void everyRenderedObjectIsAcceptedByTheApiServer(KubernetesClient client, TestNamespace namespace) {
        String ns = namespace.name();
        // Unique cluster-scoped names per test run: the release is named after the test namespace.
        RenderedChart clusterWide = RenderedChart.render(ns, ns, """
            replicaCount: 2
            webhook: {certManager: {enabled: true}}
            devcaster:
              apiKey: dk_test
              proxy: http://proxy.corp.example:3128
              caBundle: {configMap: corporate-ca}
            extraEnv: [{name: TZ, value: UTC}]
            metrics:
              serviceMonitor: {enabled: true}
              prometheusRule: {enabled: true}
              grafanaDashboard: {enabled: true}
            podDisruptionBudget: {enabled: true}
            """);
        RenderedChart namespaced = RenderedChart.render(ns + "-ns", ns, "watchNamespaces: [" + ns + "]");
        try {
            for (RenderedChart chart : List.of(clusterWide, namespaced)) {
                for (HasMetadata object : chart.objects()) {
                    if (object instanceof GenericKubernetesResource generic
                        && List.of("ServiceMonitor", "PrometheusRule", "Certificate", "Issuer").contains(generic.getKind())) {
                        // No Prometheus Operator or cert-manager CRDs here; HelmChartTest and PrometheusRulesTest check them.
                        continue;
                    }
                    HasMetadata applied = client.resource(object).forceConflicts().serverSideApply();
                    assertThat(applied.getMetadata().getUid()).as("%s/%s", object.getKind(), object.getMetadata().getName()).isNotBlank();
                }
            }
            assertThat(clusterWide.kinds()).contains("Secret", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role",
                "RoleBinding", "Service", "Deployment", "PodDisruptionBudget", "ServiceMonitor", "PrometheusRule", "ConfigMap",
                "ValidatingWebhookConfiguration", "Certificate", "Issuer");
            assertThat(namespaced.kinds()).contains("ValidatingWebhookConfiguration");
            String deployment = clusterWide.deployment().getMetadata().getName();
            assertThat(client.apps().deployments().inNamespace(ns).withName(deployment).get().getSpec().getReplicas()).isEqualTo(2);
            // Lease Role + namespaced Role, the key vault Role of each of the two releases, the webhook Secret's Role
            // of the release without cert-manager
            assertThat(client.rbac().roles().inNamespace(ns).list().getItems()).hasSize(5);
        } finally {
            for (RenderedChart chart : List.of(clusterWide, namespaced)) {
                chart.all(ValidatingWebhookConfiguration.class).forEach(c -> client.resource(c).delete());
                chart.all(ClusterRoleBinding.class).forEach(b -> client.resource(b).delete());
                chart.all(ClusterRole.class).forEach(r -> client.resource(r).delete());
            }
        }
    }

    @Test
    void operatorPodIsAdmittedUnderTheRestrictedPodSecurityStandard(KubernetesClient client, TestNamespace namespace) {
        String ns = namespace.name();
        client.namespaces().withName(ns).edit(n -> {
            n.getMetadata().getLabels().putAll(Map.of(
                "pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/enforce-version", "latest"));
            return n;
        });
        RenderedChart chart = RenderedChart.render(ns, "replicaCount: 2");

        // No kubelet runs here: the Pod is admitted (PodSecurity admission checks it) and stays Pending.
        Pod admitted = client.pods().inNamespace(ns).resource(pod(chart, "operator", spec -> { })).create();
        assertThat(admitted.getMetadata().getUid()).isNotBlank();
        // The `helm test` Pod too.
        Pod test = (Pod) RenderedChart.hooks(ns, "replicaCount: 2").get(0);
        assertThat(client.pods().inNamespace(ns).resource(test).create().getMetadata().getUid()).isNotBlank();

        // Negative controls: the same pod without one of the settings is rejected by the same namespace.
        assertRejected(client, ns, pod(chart, "root-allowed", spec -> {
            spec.getSecurityContext().setRunAsNonRoot(null);
            spec.getSecurityContext().setRunAsUser(null);
            spec.getContainers().get(0).getSecurityContext().setRunAsNonRoot(null);
            spec.getContainers().get(0).getSecurityContext().setRunAsUser(null);
        }), "runAsNonRoot");
        assertRejected(client, ns, pod(chart, "escalation", spec ->
            spec.getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(null)), "allowPrivilegeEscalation");
        assertRejected(client, ns, pod(chart, "capabilities", spec ->
            spec.getContainers().get(0).getSecurityContext().setCapabilities(null)), "capabilities");
    }

    @Test
    void managedCrdIsAcceptedAsAnUpdateOfTheInstalledOne(KubernetesClient client, TestNamespace namespace) {
        CustomResourceDefinition crd = RenderedChart.render(namespace.name(), "crds: {managed: true}")
            .one(CustomResourceDefinition.class);

        // Server-side dry run: validated and admitted like `helm upgrade` would apply it, nothing changes.
        CustomResourceDefinition applied = client.resource(crd).dryRun().fieldManager("helm").forceConflicts().serverSideApply();

        assertThat(applied.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(applied.getSpec().getVersions()).extracting(v -> v.getName()).containsExactly("v1alpha1");
        Map<String, String> live = client.apiextensions().v1().customResourceDefinitions().withName("triggers.devcaster.dev")
            .get().getMetadata().getAnnotations();
        assertThat(live == null ? Map.<String, String>of() : live).doesNotContainKey("helm.sh/resource-policy");
    }

    @Test
    void notesShowAFirstTriggerThatTheApiServerAccepts(KubernetesClient client, TestNamespace namespace) {
        String ns = namespace.name();
        String notes = RenderedChart.notes("devcaster-system", "watchNamespaces: [" + ns + "]");

        assertThat(notes).contains("kubectl apply -n " + ns + " -f - <<'YAML'", "kubectl get triggers -n " + ns,
            "kubectl wait -n " + ns + " --for=condition=Ready trigger/github-commits", "kubectl describe trigger -n " + ns);
        // The inline manifest, as the shell hands it to kubectl apply: indentation removed.
        String heredoc = notes.substring(notes.indexOf("<<'YAML'\n") + 9, notes.indexOf("\n  YAML\n"));
        String manifest = heredoc.lines().map(l -> l.substring(2)).collect(Collectors.joining("\n"));
        List<HasMetadata> objects = Manifests.parse(manifest);
        assertThat(objects).singleElement().satisfies(t -> {
            assertThat(t.getKind()).isEqualTo("Trigger");
            assertThat(client.resource(t).inNamespace(ns).create().getMetadata().getUid()).isNotBlank();
        });
        // Without a default key, the notes say how to create the Secret and the Trigger references it.
        String keyless = RenderedChart.notes("devcaster-system", "");
        assertThat(keyless).contains("create secret generic devcaster-credentials", "credentialsSecretRef:");
        // A default key serves only the namespaces granted to it: elsewhere the first Trigger needs its own Secret.
        assertThat(RenderedChart.notes("devcaster-system", "devcaster: {existingSecret: k}"))
            .contains("Default API key: Secret devcaster-system/k", "no namespace yet", "credentialsSecretRef:");
        assertThat(RenderedChart.notes("devcaster-system", "{watchNamespaces: [team-a], devcaster: {existingSecret: k, "
            + "defaultKeyNamespaces: [team-a]}}")).doesNotContain("credentialsSecretRef:")
            .contains("Default API key: Secret devcaster-system/k", "the namespaces team-a");
    }

    private static Pod pod(RenderedChart chart, String name, Consumer<PodSpec> change) {
        var template = chart.deployment().getSpec().getTemplate();
        PodSpec spec = Serialization.clone(template.getSpec());
        change.accept(spec);
        return new PodBuilder().withNewMetadata().withName(name).withLabels(template.getMetadata().getLabels()).endMetadata()
            .withSpec(spec).build();
    }

    private static void assertRejected(KubernetesClient client, String ns, Pod pod, String violation) {
        assertThatThrownBy(() -> client.pods().inNamespace(ns).resource(pod).create())
            .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                assertThat(e.getCode()).isEqualTo(403);
                assertThat(e.getMessage()).contains("violates PodSecurity \"restricted:latest\"").contains(violation);
            });
    }
}
