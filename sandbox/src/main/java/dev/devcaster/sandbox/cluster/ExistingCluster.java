package dev.devcaster.sandbox.cluster;

import dev.devcaster.sandbox.output.Console;
import dev.devcaster.sandbox.output.SandboxException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.file.Path;

/** A cluster the sandbox does not start: the one a kubeconfig names. */
public final class ExistingCluster implements Cluster {

    private final Path kubeconfig;
    private final Console console;
    private KubernetesClient client;

    public ExistingCluster(Path kubeconfig, Console console) {
        this.kubeconfig = kubeconfig;
        this.console = console;
    }

    @Override
    public String name() {
        return null;
    }

    @Override
    public void start() {
        // Fabric8 reads this property before $KUBECONFIG.
        System.setProperty("kubeconfig", kubeconfig.toAbsolutePath().toString());
        Config config = Config.autoConfigure(null);
        client = new KubernetesClientBuilder().withConfig(config).build();
        String context = config.getCurrentContext() == null ? "(none)" : config.getCurrentContext().getName();
        String description;
        try {
            description = "context " + context + " at " + config.getMasterUrl() + " (Kubernetes "
                + client.getKubernetesVersion().getGitVersion() + ")";
        } catch (KubernetesClientException e) {
            throw new SandboxException("cannot reach the cluster of " + kubeconfig + " (context " + context + ", "
                + config.getMasterUrl() + "): " + SandboxException.rootMessage(e),
                "check the cluster with kubectl --kubeconfig " + kubeconfig
                    + " get ns, or run with --local-cluster to start a local kube-apiserver", e);
        }
        console.step("using the cluster of " + kubeconfig + ": " + description);
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig.toAbsolutePath();
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
    }
}
