package dev.devcaster.operator.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the admission webhook reads and writes in the cluster: the Secret with its CA and serving
 * certificate (in the operator's namespace, by name) and the {@code caBundle} of its
 * ValidatingWebhookConfiguration (by name). Every replica may write them, so every write is
 * optimistic: it carries the resourceVersion it was computed from and reports a conflict instead of
 * overwriting what another replica wrote.
 */
public final class WebhookObjects {

    private static final ObjectMapper JSON = Serialization.jsonMapper();

    /** A Secret's data, decoded, and the version it was read at. */
    public record StoredSecret(Map<String, String> data, String resourceVersion) {
    }

    /** The caBundle (PEM, decoded; empty when unset) of each webhook of a configuration, in order. */
    public record WebhookConfiguration(List<String> caBundles, String resourceVersion) {
    }

    private final KubernetesClient client;

    public WebhookObjects(KubernetesClient client) {
        this.client = client;
    }

    /** One Secret by name; empty when it does not exist. */
    public Optional<StoredSecret> secret(String namespace, String name) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return Optional.empty();
        }
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        return Optional.of(new StoredSecret(data, secret.getMetadata().getResourceVersion()));
    }

    /**
     * Replaces the Secret's data, or creates the Secret when {@code readAt} is empty.
     *
     * @param readAt the version the new data was computed from; empty: the Secret did not exist
     * @return false when another writer came first (nothing written; read again)
     */
    public boolean writeSecret(String namespace, String name, Map<String, String> data, Optional<String> readAt) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        try {
            if (readAt.isEmpty()) {
                client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name)
                    .addToLabels("app.kubernetes.io/managed-by", "devcaster-operator").endMetadata()
                    .withType("Opaque").withData(encoded).build()).create();
            } else {
                // An update of the data only, at the version read: get and update of this one Secret.
                Secret current = client.secrets().inNamespace(namespace).withName(name).get();
                if (current == null || !readAt.get().equals(current.getMetadata().getResourceVersion())) {
                    return false;
                }
                current.setData(encoded);
                client.secrets().inNamespace(namespace).resource(current).update();
            }
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    /** The caBundles of a ValidatingWebhookConfiguration; empty when it does not exist. */
    public Optional<WebhookConfiguration> webhookConfiguration(String name) {
        ValidatingWebhookConfiguration configuration = client.admissionRegistration().v1()
            .validatingWebhookConfigurations().withName(name).get();
        if (configuration == null) {
            return Optional.empty();
        }
        List<ValidatingWebhook> webhooks = configuration.getWebhooks() == null ? List.of() : configuration.getWebhooks();
        return Optional.of(new WebhookConfiguration(webhooks.stream().map(w -> {
            String bundle = w.getClientConfig() == null ? null : w.getClientConfig().getCaBundle();
            return bundle == null || bundle.isBlank() ? ""
                : new String(Base64.getDecoder().decode(bundle), StandardCharsets.UTF_8);
        }).toList(), configuration.getMetadata().getResourceVersion()));
    }

    /**
     * Sets the caBundle of every webhook of the configuration (a JSON patch that first tests the
     * resourceVersion: {@code patch} of this one object is all it needs).
     *
     * @param caBundles PEM per webhook, in the order {@link #webhookConfiguration} returned them
     * @return false when the configuration changed since it was read (nothing written; read again)
     */
    public boolean patchCaBundles(String name, String readAt, List<String> caBundles) {
        ArrayNode patch = JSON.createArrayNode();
        patch.addObject().put("op", "test").put("path", "/metadata/resourceVersion").put("value", readAt);
        for (int i = 0; i < caBundles.size(); i++) {
            patch.addObject().put("op", "add").put("path", "/webhooks/" + i + "/clientConfig/caBundle")
                .put("value", Base64.getEncoder().encodeToString(caBundles.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            // On an object named so: Fabric8 first GETs a resource known only by name.
            client.admissionRegistration().v1().validatingWebhookConfigurations()
                .resource(new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName(name).endMetadata().build())
                .patch(PatchContext.of(PatchType.JSON), patch.toString());
            return true;
        } catch (KubernetesClientException e) {
            // A failed test operation is a 422 Unprocessable Entity.
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT || e.getCode() == 422) {
                return false;
            }
            throw e;
        }
    }
}
