package dev.devcaster.sandbox.operator;

import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerSpec;
import dev.devcaster.sandbox.output.SandboxException;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The sandbox's ValidatingWebhookConfiguration: kube-apiserver calls the operator at
 * {@code https://127.0.0.1:PORT/validate-trigger} for the Triggers of the sandbox namespace. It
 * is created without a caBundle; the operator writes its own CA there, as it does with the chart's.
 */
final class SandboxWebhook implements AutoCloseable {

    static final String PATH = "/validate-trigger";
    private static final long READY_TIMEOUT_MS = 15_000;

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final int port;

    private SandboxWebhook(KubernetesClient client, String namespace, String name, int port) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.port = port;
    }

    static SandboxWebhook register(KubernetesClient client, String namespace, int port) {
        String name = "devcaster-sandbox-" + namespace;
        client.resource(new ValidatingWebhookConfigurationBuilder()
            .withNewMetadata().withName(name).addToLabels("app.kubernetes.io/managed-by", "devcaster-sandbox").endMetadata()
            .addNewWebhook()
            .withName("triggers.devcaster.dev")
            .withNewClientConfig().withUrl("https://127.0.0.1:" + port + PATH).endClientConfig()
            .addNewRule().withApiGroups("devcaster.dev").withApiVersions("v1alpha1")
            .withOperations("CREATE", "UPDATE").withResources("triggers").withScope("Namespaced").endRule()
            .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", namespace).endNamespaceSelector()
            .withFailurePolicy("Ignore").withSideEffects("None").withAdmissionReviewVersions("v1")
            .withTimeoutSeconds(5)
            .endWebhook().build()).forceConflicts().serverSideApply();
        return new SandboxWebhook(client, namespace, name, port);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /**
     * Until kube-apiserver really asks the webhook and trusts its certificate (it sees the caBundle
     * the operator wrote a moment later): a server-side dry run of a Trigger without config fields
     * is refused. The examples are applied only then, so none slips through unvalidated.
     */
    void awaitServing() {
        Trigger probe = new Trigger();
        probe.setMetadata(new ObjectMetaBuilder().withName("webhook-probe").build());
        TriggerSpec spec = new TriggerSpec();
        spec.setSlug("GITHUB_COMMIT_EVENT");
        spec.setUserId("probe");
        probe.setSpec(spec);
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        String last = "no answer";
        while (System.currentTimeMillis() < deadline) {
            try {
                client.resources(Trigger.class).inNamespace(namespace).resource(probe).dryRun().create();
                last = "kube-apiserver did not call the webhook yet";
            } catch (KubernetesClientException e) {
                if (String.valueOf(e.getMessage()).contains("denied the request")) {
                    return;
                }
                last = e.getMessage();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new SandboxException("the admission webhook does not answer kube-apiserver after "
            + READY_TIMEOUT_MS / 1000 + "s: " + last, "look at the sandbox log for the webhook's certificate lines");
    }

    @Override
    public void close() {
        try {
            client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).delete();
        } catch (KubernetesClientException e) {
            // the local cluster stops right after
        }
    }
}
