package dev.devcaster.operator.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** The current context of an existing cluster ($KUBECONFIG or ~/.kube/config); left running afterwards. */
final class KubeconfigCluster implements TestCluster {

    private final Config config;
    private final KubernetesClient client;

    private KubeconfigCluster(Config config) {
        this.config = config;
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    static KubeconfigCluster connect() {
        return new KubeconfigCluster(Config.autoConfigure(null));
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String describe() {
        return "existing cluster " + client.getKubernetesVersion().getGitVersion() + " at " + config.getMasterUrl()
                + " (context " + config.getCurrentContext().getName() + ")";
    }

    @Override
    public void close() {
        client.close();
    }
}
