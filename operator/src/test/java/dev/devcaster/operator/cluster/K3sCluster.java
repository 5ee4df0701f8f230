package dev.devcaster.operator.cluster;

import io.fabric8.kubernetes.client.Config;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/** k3s in a container (Testcontainers). Fails loudly without Docker rather than skipping the suite. */
final class K3sCluster extends ConnectedCluster {

    private final K3sContainer container;

    private K3sCluster(K3sContainer container) {
        super(Config.fromKubeconfig(container.getKubeConfigYaml()));
        this.container = container;
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
    public String describe() {
        return "k3s " + client().getKubernetesVersion().getGitVersion() + " (Testcontainers) at " + config().getMasterUrl();
    }

    @Override
    void stop() {
        container.stop();
    }
}
