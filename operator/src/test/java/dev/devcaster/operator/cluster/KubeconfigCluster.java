package dev.devcaster.operator.cluster;

import io.fabric8.kubernetes.client.Config;

/** The current context of an existing cluster ($KUBECONFIG or ~/.kube/config); left running afterwards. */
final class KubeconfigCluster extends ConnectedCluster {

    private KubeconfigCluster(Config config) {
        super(config);
    }

    static KubeconfigCluster connect() {
        return new KubeconfigCluster(Config.autoConfigure(null));
    }

    @Override
    public String describe() {
        return "existing cluster " + client().getKubernetesVersion().getGitVersion() + " at " + config().getMasterUrl()
                + " (context " + config().getCurrentContext().getName() + ")";
    }

    @Override
    void stop() {
        // borrowed: left running as found
    }
}
