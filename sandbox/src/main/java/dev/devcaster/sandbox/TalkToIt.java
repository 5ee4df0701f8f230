package dev.devcaster.sandbox;

import dev.devcaster.sandbox.cluster.Cluster;
import dev.devcaster.sandbox.devcaster.Devcaster;
import dev.devcaster.sandbox.lifecycle.Component;
import dev.devcaster.sandbox.operator.InProcessOperator;
import dev.devcaster.sandbox.output.Console;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Once the Triggers settled: the commands that talk to what runs (kubectl, curl), and how to stop it. */
final class TalkToIt implements Component {

    private final SandboxOptions options;
    private final Path repoRoot;
    private final Cluster cluster;
    private final Devcaster devcaster;
    private final InProcessOperator operator;
    private final Console console;

    TalkToIt(SandboxOptions options, Path repoRoot, Cluster cluster, Devcaster devcaster, InProcessOperator operator,
             Console console) {
        this.options = options;
        this.repoRoot = repoRoot;
        this.cluster = cluster;
        this.devcaster = devcaster;
        this.operator = operator;
        this.console = console;
    }

    @Override
    public void start() {
        Path kubectlBinary = options.k8sBinaries().resolve("kubectl");
        String kubectlCommand = Files.isExecutable(kubectlBinary) ? kubectlBinary.toString() : "kubectl";
        String kubectl = kubectlCommand + cluster.kubectlFlags();
        String ns = " -n " + options.namespace();
        boolean emulated = devcaster.emulated();
        URI url = devcaster.baseUrl();
        String key = emulated ? "'x-api-key: " + devcaster.apiKey() + "'" : "\"x-api-key: $DEVCASTER_API_KEY\"";
        int metricsPort = operator.httpPort();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("The sandbox is running. Talk to it:");
        lines.add("  kubectl   " + kubectl + " get triggers" + ns);
        if (operator.webhook()) {
            lines.add("  refused   " + kubectl + " apply" + ns + " -f examples/invalid/github-missing-repo.yaml");
            lines.add("  CI check  " + kubectl + " apply" + ns + " --dry-run=server -f examples/triggers");
        } else {
            lines.add("            " + kubectl + " describe trigger broken-config" + ns);
            lines.add("  fix it    " + kubectl + " patch trigger broken-config" + ns
                + " --type merge -p '{\"spec\":{\"triggerConfig\":{\"repo\":\"web\"}}}'");
        }
        lines.add("  Devcaster " + (emulated ? "emulator " : "") + url + (emulated ? " (API key " + devcaster.apiKey() + ")" : ""));
        lines.add("            curl -s -H " + key + " '" + url + "/api/v3/trigger_instances/active?show_disabled=true'");
        if (emulated) {
            lines.add("            curl -s " + url + "/_emulator/state      (users, accounts, triggers)");
        }
        lines.addAll(plugin(kubectlCommand, ns, url, emulated));
        lines.add("  operator  log " + options.logFile()
            + (metricsPort == 0 ? "" : ", metrics http://127.0.0.1:" + metricsPort + "/metrics"));
        if (options.localCluster()) {
            lines.add("  cluster   log " + options.controlPlaneLogFile() + " (kube-apiserver, etcd)");
        }
        lines.add("  stop      Ctrl-C (stops the operator" + (emulated ? ", then the emulator" : "")
            + (options.localCluster() ? ", then kube-apiserver and etcd" : "")
            + (!options.localCluster() || !emulated
                ? (options.keep() ? "; --keep: the Triggers stay" : "; deletes the Triggers it applied first") : "")
            + ")");
        lines.add("");
        lines.forEach(console::println);
    }

    /** kubectl devcaster (plugin/bin on the PATH): kubectl passes a plugin every flag after its name. */
    private List<String> plugin(String kubectlCommand, String ns, URI url, boolean emulated) {
        Path launchers = repoRoot.resolve("plugin/bin");
        String devcasterEnv = emulated ? " DEVCASTER_API_KEY=" + devcaster.apiKey() + " DEVCASTER_BASE_URL=" + url
            : " DEVCASTER_BASE_URL=" + url + "   (and your DEVCASTER_API_KEY)";
        String plugin = kubectlCommand + " devcaster";
        List<String> lines = new ArrayList<>();
        lines.add("  plugin    export PATH=\"" + launchers + ":$PATH\"" + devcasterEnv);
        lines.add("            " + plugin + " status" + ns + cluster.kubectlFlags() + "   (each Trigger beside its remote trigger)");
        lines.add("            " + plugin + " export" + ns + cluster.kubectlFlags()
            + "   (remote triggers no Trigger manages, as YAML the operator adopts)");
        if (!Files.isRegularFile(repoRoot.resolve("plugin/target/kubectl-devcaster.jar"))) {
            lines.add("            (build it first: mvn -pl plugin -am package -DskipTests)");
        }
        return lines;
    }

    @Override
    public void stop() {
        // printed lines stay
    }
}
