package dev.devcaster.sandbox;

import dev.devcaster.sandbox.cluster.Cluster;
import dev.devcaster.sandbox.cluster.ExistingCluster;
import dev.devcaster.sandbox.cluster.LocalCluster;
import dev.devcaster.sandbox.devcaster.Devcaster;
import dev.devcaster.sandbox.devcaster.LocalEmulator;
import dev.devcaster.sandbox.devcaster.RealDevcaster;
import dev.devcaster.sandbox.kubernetes.AppliedManifests;
import dev.devcaster.sandbox.kubernetes.CrdInstall;
import dev.devcaster.sandbox.kubernetes.SandboxNamespace;
import dev.devcaster.sandbox.lifecycle.Component;
import dev.devcaster.sandbox.lifecycle.ComponentStack;
import dev.devcaster.sandbox.lifecycle.LogFile;
import dev.devcaster.sandbox.lifecycle.PidFile;
import dev.devcaster.sandbox.lifecycle.Preflight;
import dev.devcaster.sandbox.lifecycle.StopSignal;
import dev.devcaster.sandbox.operator.InProcessOperator;
import dev.devcaster.sandbox.output.Console;
import dev.devcaster.sandbox.triggers.ChangeFeed;
import dev.devcaster.sandbox.triggers.SettleWatch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hack/sandbox.sh} as an ordered list of components: started in this order, stopped in
 * reverse order on Ctrl-C, on exit and on failure (see {@link ComponentStack}).
 */
final class Sandbox {

    private final SandboxOptions options;
    private final Console console;
    private final Path repoRoot;
    private final StopSignal signal = new StopSignal();

    Sandbox(SandboxOptions options, Console console, Path repoRoot) {
        this.options = options;
        this.console = console;
        this.repoRoot = repoRoot;
    }

    /** Starts everything; with {@code --once} returns 0 when the Triggers settled as expected, else runs until stopped. */
    int run() {
        ComponentStack stack = new ComponentStack(console, signal).stoppedWhenTheProcessEnds();
        PidFile pidFile = new PidFile(options.stateDir().resolve("sandbox.pid"), options.k8sBinaries(), console);
        Cluster cluster = options.localCluster()
            ? new LocalCluster(options.k8sBinaries(), options.cacheRoot(), options.k8sVersion(), options.namespace(),
                options.kubeconfigFile(), options.controlPlaneLogFile(), pidFile, signal, console)
            : new ExistingCluster(options.kubeconfig(), console);
        Devcaster devcaster = options.useEmulator() ? new LocalEmulator(options.emulatorPort(), console)
            : new RealDevcaster(options.baseUrl(), options.apiKey().get(), console);
        boolean leavesNothingBehind = options.localCluster() && options.useEmulator();
        InProcessOperator operator = new InProcessOperator(cluster::client, devcaster, options.namespace(),
            options.httpPort(), options.localCluster(), console);
        AppliedManifests manifests = new AppliedManifests(cluster::client, options.namespace(),
            options.manifestsOrDefault(repoRoot), repoRoot, !leavesNothingBehind && !options.keep(), console);
        SettleWatch table = new SettleWatch(cluster::client, manifests::applied, options.namespace(), options.timeout(),
            options.logFile(), signal, console);

        List<Component> components = new ArrayList<>(List.of(
            new Banner(options, repoRoot, console),
            pidFile,
            new LogFile(options.logFile()),
            new Preflight(List.of(cluster, devcaster, operator, manifests)),
            cluster,
            devcaster,
            new CrdInstall(cluster::client, repoRoot, console),
            new SandboxNamespace(cluster::client, options.namespace(), !options.localCluster() && !options.keep()),
            operator,
            manifests,
            table));
        if (!options.once()) {
            components.add(new TalkToIt(options, repoRoot, cluster, devcaster, operator, console));
            components.add(new ChangeFeed(cluster::client, options.namespace(), signal, console));
        }

        stack.startAll(components);
        if (options.once()) {
            return table.asExpected() ? 0 : 1;
        }
        signal.await();
        return 130;
    }
}
