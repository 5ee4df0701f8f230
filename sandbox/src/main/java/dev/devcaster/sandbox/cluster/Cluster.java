package dev.devcaster.sandbox.cluster;

import dev.devcaster.sandbox.lifecycle.Component;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The Kubernetes cluster the sandbox works in: a local one it starts, or an existing one. */
public interface Cluster extends Component {

    /** A client of the cluster; valid once started, closed when stopped. */
    KubernetesClient client();

    /** What kubectl needs to talk to this cluster, e.g. {@code " --kubeconfig <file>"}; each flag after a space. */
    String kubectlFlags();
}
