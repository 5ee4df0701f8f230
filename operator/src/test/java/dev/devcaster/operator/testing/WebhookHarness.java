package dev.devcaster.operator.testing;

import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.awaitility.Awaitility.await;

/**
 * A ValidatingWebhookConfiguration that makes the test cluster's kube-apiserver call an operator's
 * webhook at {@code https://127.0.0.1:PORT/validate-trigger} for the Triggers of the given
 * namespaces (no Service: the API server runs on this machine). It starts without a caBundle: the
 * operator under test puts its CA there, as it does with the chart's configuration.
 */
public final class WebhookHarness implements AutoCloseable {

    private final KubernetesClient client;
    private final String name;
    private final int port;

    private WebhookHarness(KubernetesClient client, String name, int port) {
        this.client = client;
        this.name = name;
        this.port = port;
    }

    /** @param failurePolicy {@code Ignore} or {@code Fail} */
    public static WebhookHarness register(KubernetesClient client, String failurePolicy, int timeoutSeconds,
                                          String... namespaces) {
        return register(client, freePort(), failurePolicy, timeoutSeconds, namespaces);
    }

    public static WebhookHarness register(KubernetesClient client, int port, String failurePolicy, int timeoutSeconds,
                                          String... namespaces) {
        String name = "devcaster-" + namespaces[0];
        ValidatingWebhookConfiguration configuration = new ValidatingWebhookConfigurationBuilder()
            .withNewMetadata().withName(name).endMetadata()
            .addNewWebhook()
            .withName("triggers.devcaster.dev")
            .withNewClientConfig().withUrl("https://127.0.0.1:" + port + "/validate-trigger").endClientConfig()
            .addNewRule().withApiGroups("devcaster.dev").withApiVersions("v1alpha1")
            .withOperations("CREATE", "UPDATE").withResources("triggers").withScope("Namespaced").endRule()
            .withNewNamespaceSelector().addNewMatchExpression().withKey("kubernetes.io/metadata.name")
            .withOperator("In").withValues(namespaces).endMatchExpression().endNamespaceSelector()
            .withFailurePolicy(failurePolicy).withSideEffects("None").withAdmissionReviewVersions("v1")
            .withMatchPolicy("Equivalent").withTimeoutSeconds(timeoutSeconds)
            .endWebhook().build();
        client.resource(configuration).forceConflicts().serverSideApply();
        return new WebhookHarness(client, name, port);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The operator settings that serve this configuration's webhook. */
    public RunningOperator.Builder serve(RunningOperator.Builder operator) {
        return operator.set(Settings.WEBHOOK_PORT, Integer.toString(port))
            .set(Settings.WEBHOOK_CONFIGURATION, name)
            .set(Settings.HTTP_BIND_ADDRESS, "127.0.0.1");
    }

    /** The failure policy the API server applies (the operator's own is a setting). */
    public void failurePolicy(String policy) {
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).edit(c -> {
            c.getWebhooks().forEach(w -> w.setFailurePolicy(policy));
            return c;
        });
    }

    /**
     * Waits until the API server really calls the webhook and trusts its certificate: a dry-run
     * create of a Trigger without config fields is refused by it.
     */
    public void awaitServing(String namespace) {
        Trigger probe = trigger("webhook-probe", "GITHUB_COMMIT_EVENT", "nobody");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptionsMatching(e -> false)
            .until(() -> {
                try {
                    client.resources(Trigger.class).inNamespace(namespace).resource(probe).dryRun().create();
                    return false;
                } catch (KubernetesClientException e) {
                    return String.valueOf(e.getMessage()).contains("denied the request");
                }
            });
    }

    /** The caBundle the operator wrote (PEM), empty before. */
    public List<String> caBundles() {
        return client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).get().getWebhooks()
            .stream().map(w -> w.getClientConfig().getCaBundle() == null ? ""
                : new String(java.util.Base64.getDecoder().decode(w.getClientConfig().getCaBundle()),
                    java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void close() {
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).delete();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
