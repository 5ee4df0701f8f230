package dev.devcaster.operator.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;

/** A Kubernetes API server the end-to-end tests run against; chosen with {@code -Dtest.cluster=}. */
public interface TestCluster extends AutoCloseable {

    /** Client configuration with cluster-admin rights. */
    Config config();

    KubernetesClient client();

    /** What the test log shows so a reader knows what the suite ran against. */
    String describe();

    @Override
    void close();

    static TestCluster start(String kind) {
        return switch (kind) {
            case "apiserver" -> ApiServerCluster.start();
            case "k3s" -> K3sCluster.start();
            case "kubeconfig" -> KubeconfigCluster.connect();
            default -> throw new IllegalArgumentException(
                    "-Dtest.cluster=" + kind + " is not one of apiserver (default), k3s, kubeconfig");
        };
    }
}
