package dev.devcaster.plugin.cluster;

import dev.devcaster.plugin.terminal.PluginException;
import dev.devcaster.plugin.terminal.Terminal;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Which cluster to talk to, the way kubectl picks it: {@code --kubeconfig}, else $KUBECONFIG, else ~/.kube/config. */
public final class ClusterOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
        description = "kubeconfig file of the cluster (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: its current context).")
    String context;

    /** The cluster, or empty when no kubeconfig is there to name one (nothing was given and none exists). */
    public Optional<ClusterAccess> connectIfConfigured(Terminal terminal) {
        if (kubeconfig == null && terminal.env("KUBECONFIG").isEmpty()
            && !Files.exists(Path.of(System.getProperty("user.home"), ".kube", "config"))) {
            return Optional.empty();
        }
        return Optional.of(connect());
    }

    /** The cluster; a command that cannot do without one says so. */
    public ClusterAccess require(Terminal terminal, String why) {
        return connectIfConfigured(terminal).orElseThrow(() -> new PluginException("no kubeconfig found ($KUBECONFIG, "
            + "~/.kube/config): " + why + " needs the cluster; pass --kubeconfig FILE"));
    }

    private ClusterAccess connect() {
        Config config;
        try {
            if (kubeconfig != null) {
                if (!Files.isReadable(kubeconfig)) {
                    throw new PluginException("--kubeconfig " + kubeconfig + ": no such file, or not readable");
                }
                config = Config.fromKubeconfig(context, kubeconfig.toFile());
            } else {
                config = Config.autoConfigure(context);
            }
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new PluginException("cannot read the kubeconfig" + (context == null ? "" : " (context " + context + ")")
                + ": " + e.getMessage());
        }
        // A command line tool fails fast: no minutes of retries against a cluster that is not there.
        return new ClusterAccess(new ConfigBuilder(config).withRequestRetryBackoffLimit(1)
            .withConnectionTimeout(5_000).withRequestTimeout(30_000).build());
    }
}
