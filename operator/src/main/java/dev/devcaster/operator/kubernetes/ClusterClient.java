package dev.devcaster.operator.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The operator's client to the API server: Fabric8's, with the TLS offer of
 * {@link ClusterHttpClientFactory} and the reading of {@link ClusterSerialization}. One place, so
 * that what else reads and writes Triggers as the operator does (the scale benchmark's load) gets
 * the same client.
 */
public final class ClusterClient {

    private ClusterClient() {
    }

    public static KubernetesClient of(Config config) {
        return new KubernetesClientBuilder().withConfig(config)
            .withHttpClientFactory(ClusterHttpClientFactory.forConfig(config))
            .withKubernetesSerialization(ClusterSerialization.create()).build();
    }
}
