package dev.devcaster.operator.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** What every kind of test cluster shares: an admin config and one client built from it. */
abstract class ConnectedCluster implements TestCluster {

    private final Config config;
    private final KubernetesClient client;

    ConnectedCluster(Config config) {
        this.config = config;
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    /** Stops what the cluster started, after the client is closed; nothing for a borrowed cluster. */
    abstract void stop();

    @Override
    public void close() {
        client.close();
        stop();
    }
}
