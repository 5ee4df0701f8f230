package dev.devcaster.sandbox;

import dev.devcaster.sandbox.lifecycle.Component;
import dev.devcaster.sandbox.output.Console;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** The first lines: what the sandbox is about to run, and where its logs go. */
final class Banner implements Component {

    private final SandboxOptions options;
    private final Path repoRoot;
    private final Console console;

    Banner(SandboxOptions options, Path repoRoot, Console console) {
        this.options = options;
        this.repoRoot = repoRoot;
        this.console = console;
    }

    @Override
    public void start() {
        String cluster = options.localCluster() ? "local kube-apiserver " + options.k8sVersion() + " + etcd"
            : options.kubeconfig().map(p -> "the cluster of " + p + " (--kubeconfig)")
                .orElse("the cluster of your current kubectl context (--use-current-context)");
        String devcaster = options.useEmulator() ? "Devcaster emulator with demo data"
            : "the real Devcaster service at " + options.baseUrl() + " (--real-devcaster; API key from $"
                + SandboxOptions.API_KEY_VARIABLE + ")";
        console.println("devcaster sandbox: " + cluster + " + " + devcaster + " + the operator + "
            + options.manifestsOrDefault(repoRoot).stream().map(this::shown).collect(Collectors.joining(", ")));
        console.println("logs: " + options.logFile() + " (the sandbox, the operator, the emulator)"
            + (options.localCluster() ? ", " + options.controlPlaneLogFile() + " (kube-apiserver, etcd)" : ""));
    }

    @Override
    public void stop() {
        // printed lines stay
    }

    private String shown(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(repoRoot) ? repoRoot.relativize(absolute).toString() : path.toString();
    }
}
