package dev.devcaster.sandbox.cluster;

import dev.devcaster.sandbox.output.Console;
import dev.devcaster.sandbox.output.SandboxException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A cluster the sandbox does not start, picked by a flag only: the current context of
 * {@code --kubeconfig PATH}, or with {@code --use-current-context} the one kubectl uses. Before the
 * first request it says which context and server it is about to use.
 */
public final class ExistingCluster implements Cluster {

    private final Optional<Path> kubeconfig;
    private final Console console;
    private KubernetesClient client;
    private String context = "";

    /** @param kubeconfig the file of {@code --kubeconfig}; empty = kubectl's ($KUBECONFIG or ~/.kube/config) */
    public ExistingCluster(Optional<Path> kubeconfig, Console console) {
        this.kubeconfig = kubeconfig;
        this.console = console;
    }

    @Override
    public void start() {
        Config config = config();
        context = config.getCurrentContext() == null ? "" : config.getCurrentContext().getName();
        String source = kubeconfig.map(Path::toString)
            .orElseGet(() -> config.getFile() == null ? "your kubeconfig" : config.getFile().toString());
        console.step("using the cluster of " + source + ": context " + (context.isEmpty() ? "(none)" : context)
            + ", server " + config.getMasterUrl() + " ...");
        client = new KubernetesClientBuilder().withConfig(config).build();
        String version;
        try {
            version = client.getKubernetesVersion().getGitVersion();
        } catch (RuntimeException e) {
            throw new SandboxException("cannot reach the cluster of " + source + " (context " + context + ", "
                + config.getMasterUrl() + "): " + SandboxException.rootMessage(e),
                "check it with kubectl" + flags() + " get ns, or leave out " + flag()
                    + " to start a local kube-apiserver", e);
        }
        console.step("cluster reachable: Kubernetes " + version);
    }

    private Config config() {
        try {
            if (kubeconfig.isPresent()) {
                return Config.fromKubeconfig(kubeconfig.get().toFile());
            }
            if (Config.getKubeconfigFilenames().stream().map(Path::of).noneMatch(Files::isReadable)) {
                throw new SandboxException("--use-current-context: there is no kubeconfig ($KUBECONFIG is unset or"
                    + " names no readable file, and ~/.kube/config does not exist)",
                    "point --kubeconfig at one, or leave out --use-current-context to start a local kube-apiserver");
            }
            return Config.autoConfigure(null);
        } catch (SandboxException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SandboxException("cannot read the kubeconfig of " + flag() + ": " + SandboxException.rootMessage(e),
                "check it with kubectl config view, or leave out " + flag() + " to start a local kube-apiserver", e);
        }
    }

    private String flag() {
        return kubeconfig.isPresent() ? "--kubeconfig" : "--use-current-context";
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    /** {@code --kubeconfig PATH --context NAME}: the same cluster, whatever kubectl's current context becomes. */
    @Override
    public String kubectlFlags() {
        return flags();
    }

    private String flags() {
        return kubeconfig.map(p -> " --kubeconfig " + p.toAbsolutePath()).orElse("")
            + (context.isEmpty() ? "" : " --context " + context);
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
    }
}
