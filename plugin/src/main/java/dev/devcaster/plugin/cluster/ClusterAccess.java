package dev.devcaster.plugin.cluster;

import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.plugin.terminal.PluginException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The reads the plugin makes in a cluster, with the kubeconfig's credentials: Triggers and one Secret. Never writes. */
public final class ClusterAccess implements AutoCloseable {

    /** The Triggers read, and whether they cover every namespace. */
    public record TriggerList(List<Trigger> triggers, Optional<String> onlyNamespace) {
    }

    private final Config config;
    private final KubernetesClient client;

    ClusterAccess(Config config) {
        this.config = config;
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    /** For tests and callers that already have a client. */
    public static ClusterAccess of(Config config) {
        return new ClusterAccess(config);
    }

    /** Context and server, e.g. {@code context kind-dev (https://127.0.0.1:6443)}. */
    public String describe() {
        String context = config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
        return (context == null ? "" : "context " + context + " ") + "(" + config.getMasterUrl() + ")";
    }

    /** The namespace of the kubeconfig context, as kubectl uses it without {@code -n}. */
    public String contextNamespace() {
        return config.getNamespace() == null ? "default" : config.getNamespace();
    }

    /** The Triggers of one namespace, or of all when {@code namespace} is empty. No CRD in the cluster: none. */
    public List<Trigger> triggers(Optional<String> namespace) {
        try {
            var resources = client.resources(Trigger.class);
            return namespace.map(ns -> resources.inNamespace(ns).list().getItems())
                .orElseGet(() -> resources.inAnyNamespace().list().getItems());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw failure("cannot list Triggers " + namespace.map(ns -> "in namespace " + ns).orElse("in all namespaces"),
                e);
        }
    }

    /**
     * The Triggers of all namespaces, or, when the kubeconfig's user may not list them cluster-wide, those of
     * {@code fallback}.
     */
    public TriggerList triggersEverywhereOr(String fallback) {
        try {
            return new TriggerList(triggers(Optional.empty()), Optional.empty());
        } catch (PluginException e) {
            if (!(e.getCause() instanceof KubernetesClientException k) || k.getCode() != 403) {
                throw e;
            }
            return new TriggerList(triggers(Optional.of(fallback)), Optional.of(fallback));
        }
    }

    /** One key of a Secret, decoded; the value is never part of a message. */
    public String secretValue(String namespace, String name, String key) {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw failure("cannot read Secret " + namespace + "/" + name, e);
        }
        if (secret == null) {
            throw new PluginException("Secret " + namespace + "/" + name + " not found (" + describe() + ")");
        }
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        }
        if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
            return secret.getStringData().get(key);
        }
        throw new PluginException("Secret " + namespace + "/" + name + " has no key " + key
            + " (pick another with NAMESPACE/NAME:KEY)");
    }

    public KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }

    private PluginException failure(String what, KubernetesClientException e) {
        String why = e.getCode() == 403 ? "forbidden for the kubeconfig's user"
            : e.getCode() == 401 ? "the cluster rejected the kubeconfig's credentials"
            : e.getCode() > 0 ? "HTTP " + e.getCode() + (e.getStatus() == null ? "" : ": " + e.getStatus().getMessage())
            : rootMessage(e);
        return new PluginException(what + " (" + describe() + "): " + why, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
