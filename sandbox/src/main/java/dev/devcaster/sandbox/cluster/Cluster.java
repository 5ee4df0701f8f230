package dev.devcaster.sandbox.cluster;

import dev.devcaster.sandbox.lifecycle.Component;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;

/** The Kubernetes cluster the sandbox works in: a local one it starts, or an existing one. */
public interface Cluster extends Component {

    /** A client of the cluster; valid once started, closed when stopped. */
    KubernetesClient client();

    /** The kubeconfig to hand to kubectl. */
    Path kubeconfig();
}
