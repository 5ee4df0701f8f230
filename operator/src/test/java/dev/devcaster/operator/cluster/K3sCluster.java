package dev.devcaster.operator.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/** k3s in a container (Testcontainers). Fails loudly without Docker rather than skipping the suite. */
final class K3sCluster implements TestCluster {

    private final K3sContainer container;
    private final Config config;
    private final KubernetesClient client;

    private K3sCluster(K3sContainer container) {
        this.container = container;
        this.config = Config.fromKubeconfig(container.getKubeConfigYaml());
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    static K3sCluster start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("-Dtest.cluster=k3s needs a running Docker engine and none was found; "
                    + "use -Dtest.cluster=apiserver (default) or -Dtest.cluster=kubeconfig");
        }
        var container = new K3sContainer(DockerImageName.parse(System.getProperty("test.k3s.image", "rancher/k3s:v1.34.1-k3s1")));
        container.start();
        return new K3sCluster(container);
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
        return "k3s " + client.getKubernetesVersion().getGitVersion() + " (Testcontainers) at " + config.getMasterUrl();
    }

    @Override
    public void close() {
        client.close();
        container.stop();
    }
}
