package dev.devcaster.sandbox.kubernetes;

import dev.devcaster.sandbox.lifecycle.Component;
import dev.devcaster.sandbox.output.SandboxException;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.function.Supplier;

/** The namespace the manifests go to: created when missing, and deleted again on a real cluster if it created it. */
public final class SandboxNamespace implements Component {

    private final Supplier<KubernetesClient> client;
    private final String namespace;
    private final boolean deleteWhenStopping;
    private boolean created;

    /** @param deleteWhenStopping delete it on stop if this sandbox created it (a real cluster, no --keep) */
    public SandboxNamespace(Supplier<KubernetesClient> client, String namespace, boolean deleteWhenStopping) {
        this.client = client;
        this.namespace = namespace;
        this.deleteWhenStopping = deleteWhenStopping;
    }

    @Override
    public void start() {
        try {
            if (client.get().namespaces().withName(namespace).get() == null) {
                client.get().namespaces()
                    .resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
                created = true;
            }
        } catch (KubernetesClientException e) {
            throw new SandboxException("cannot create namespace " + namespace + ": " + SandboxException.rootMessage(e),
                "create it yourself (kubectl create namespace " + namespace + ") or pick one you may use with --namespace",
                e);
        }
    }

    @Override
    public void stop() {
        if (created && deleteWhenStopping) {
            try {
                client.get().namespaces().withName(namespace).delete();
            } catch (KubernetesClientException e) {
                // best effort: an empty namespace is all that is left
            }
        }
    }
}
