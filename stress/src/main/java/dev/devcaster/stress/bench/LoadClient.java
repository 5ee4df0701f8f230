package dev.devcaster.stress.bench;

import dev.devcaster.operator.kubernetes.ClusterHttpClientFactory;
import dev.devcaster.operator.kubernetes.ClusterSerialization;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The client of the benchmark's load: the creates and the watch that sees Triggers become Ready,
 * standing in for {@code kubectl apply} or a GitOps tool. It shares the two cores with what is
 * measured, so it reads and sends as the operator's own client does (managedFields skipped unread,
 * the watch's kinds registered, the TLS suite fastest for the JVM's JIT): every CPU second it
 * spends parsing is one the operator and the API server do not get. Calls that need other kinds
 * of resources go through the cluster's admin client.
 */
final class LoadClient {

    private LoadClient() {
    }

    static KubernetesClient of(Config config) {
        return new KubernetesClientBuilder().withConfig(config)
            .withHttpClientFactory(ClusterHttpClientFactory.forConfig(config))
            .withKubernetesSerialization(ClusterSerialization.create()).build();
    }
}
