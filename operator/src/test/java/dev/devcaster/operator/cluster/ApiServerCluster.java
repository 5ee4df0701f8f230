package dev.devcaster.operator.cluster;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real kube-apiserver + etcd run by Fabric8 kube-api-test from binaries on disk (offline: no
 * download). {@code hack/control-plane.sh} builds them into {@code <cache>/k8s/<version>-linux-amd64}.
 */
final class ApiServerCluster extends ConnectedCluster {

    private final KubeAPIServer server;

    private ApiServerCluster(KubeAPIServer server, Config config) {
        super(config);
        this.server = server;
    }

    static ApiServerCluster start() {
        String version = System.getProperty("test.k8s.version", "1.34.4");
        Path binaries = Path.of(System.getProperty("test.k8s.binaries",
                System.getProperty("user.home") + "/.cache/devcaster-operator/k8s/" + version + "-linux-amd64"));
        if (!Files.isExecutable(binaries.resolve("kube-apiserver")) || !Files.isExecutable(binaries.resolve("etcd"))) {
            throw new IllegalStateException("kube-apiserver/etcd " + version + " not found in " + binaries
                    + ": run hack/control-plane.sh first (it builds them from Go modules and caches them)");
        }
        // kube-api-test looks for <dir>/k8s/<version>-<os>-<arch>/; the binaries folder is that leaf.
        Path testDir = binaries.getParent().getParent();
        var server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(testDir.toString())
                .withApiServerVersion(version)
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .build());
        server.start();
        return new ApiServerCluster(server, Config.fromKubeconfig(server.getKubeConfigYaml()));
    }

    @Override
    public String describe() {
        return "kube-apiserver " + client().getKubernetesVersion().getGitVersion() + " + etcd (kube-api-test) at "
                + config().getMasterUrl();
    }

    @Override
    void stop() {
        server.stop();
    }
}
