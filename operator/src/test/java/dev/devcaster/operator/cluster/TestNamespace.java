package dev.devcaster.operator.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A namespace made for one test. A bare kube-apiserver has no namespace controller, so deleted
 * namespaces would stay Terminating forever: names are unique instead, and the cluster goes away
 * with the run.
 */
public record TestNamespace(String name) {

    static TestNamespace create(KubernetesClient client, String testName) {
        String base = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        base = base.length() > 40 ? base.substring(0, 40) : base;
        String name = (base + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36))
                .replaceAll("^-+", "");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return new TestNamespace(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
