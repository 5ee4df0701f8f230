package dev.devcaster.plugin.export;

import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.TriggerInstanceQuery;
import dev.devcaster.operator.client.TriggerType;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.DeletionPolicy;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.plugin.cluster.ClusterAccess;
import dev.devcaster.plugin.cluster.ClusterOptions;
import dev.devcaster.plugin.cluster.ManagedTriggers;
import dev.devcaster.plugin.devcaster.DevcasterOptions;
import dev.devcaster.plugin.devcaster.DevcasterSession;
import dev.devcaster.plugin.manifests.Manifest;
import dev.devcaster.plugin.manifests.ManifestOutput;
import dev.devcaster.plugin.manifests.ManifestYaml;
import dev.devcaster.plugin.manifests.TriggerNames;
import dev.devcaster.plugin.terminal.BuildVersion;
import dev.devcaster.plugin.terminal.ExitCode;
import dev.devcaster.plugin.terminal.PluginException;
import dev.devcaster.plugin.terminal.Terminal;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "export", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    header = "Write Trigger manifests that make the operator adopt existing remote triggers.",
    description = {
        "Reads the project's trigger instances and writes one Trigger manifest per instance that the operator adopts "
            + "as it is, with no remote write: the annotation devcaster.dev/trigger-id names the instance, and slug, "
            + "account, config and enabled state are the instance's.",
        "",
        "  * userId when the user's newest ACTIVE account of the toolkit is the instance's account (the operator's "
            + "rule), else connectedAccountId.",
        "  * triggerConfig without top-level values equal to the type's schema default (the operator fills them in "
            + "again before it compares; --keep-defaults keeps them).",
        "  * toolkitVersion: the version 'latest' resolves to at export time (Devcaster does not report the version "
            + "an instance was made at; --toolkit-version to choose).",
        "  * enabled: as the instance is.",
        "",
        "With cluster access (kubeconfig) it skips instances that a Trigger in the cluster already records, or names "
            + "in its annotation, and says so. Every manifest is checked with the operator's own validation and "
            + "comparison first; an instance the operator would not adopt as it is is not written (a warning says why).",
        "Output: a YAML stream on stdout, or --output-dir: one file per Trigger and a kustomization.yaml. Names are "
            + "<slug>-<user>-<id suffix>, the same on every run; the output is sorted by name."},
    footer = {"", "Examples:",
        "  kubectl devcaster export --output-dir gitops/triggers -n team-a",
        "  kubectl devcaster export --user alice --toolkit github --disabled > alice-github.yaml",
        "  DEVCASTER_API_KEY=... kubectl devcaster export --no-cluster | kubectl apply -n team-a -f -"})
public final class ExportCommand implements Callable<Integer> {

    static final class StateFilter {
        @Option(names = "--enabled", description = "Only enabled instances.")
        boolean enabled;

        @Option(names = "--disabled", description = "Only disabled instances.")
        boolean disabled;
    }

    @Option(names = "--user", split = ",", paramLabel = "USER", description = "Only instances of these users.")
    List<String> users = new ArrayList<>();

    @Option(names = "--toolkit", split = ",", paramLabel = "TOOLKIT", description = "Only these toolkits (github, slack, ...).")
    List<String> toolkits = new ArrayList<>();

    @Option(names = "--slug", split = ",", paramLabel = "SLUG", description = "Only these trigger types.")
    List<String> slugs = new ArrayList<>();

    @ArgGroup(exclusive = true)
    StateFilter state;

    @Option(names = "--output-dir", paramLabel = "DIR",
        description = "Write <name>.yaml files and a kustomization.yaml (listing every manifest of DIR) instead of stdout.")
    Path outputDir;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
        description = "metadata.namespace of the Triggers (default: none, kubectl apply -n decides).")
    String namespace;

    @Option(names = "--credentials-secret", paramLabel = "NAME[:KEY]",
        description = "spec.credentialsSecretRef of the Triggers: a Secret in their namespace (default: the operator's key).")
    String credentialsSecret;

    @Option(names = "--deletion-policy", paramLabel = "POLICY",
        description = "spec.deletionPolicy of the Triggers: ${COMPLETION-CANDIDATES} (default: unset).")
    DeletionPolicy deletionPolicy;

    @Option(names = "--toolkit-version", paramLabel = "VERSION",
        description = "spec.toolkitVersion: latest or YYYYMMDD_NN (default: what latest resolves to now, per type).")
    String toolkitVersion;

    @Option(names = "--keep-defaults", description = "Keep config values equal to the schema default.")
    boolean keepDefaults;

    @Option(names = "--no-cluster", description = "Do not look for Triggers in the cluster (export every instance).")
    boolean noCluster;

    @Mixin
    DevcasterOptions devcaster;

    @Mixin
    ClusterOptions cluster;

    private final Terminal terminal;

    public ExportCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ExportSettings settings = settings();
        DevcasterSession session = devcaster.open(terminal, cluster);
        ManagedTriggers managed = managedTriggers();
        List<TriggerInstance> instances = session.instances(query()).stream()
            .filter(i -> state == null || (state.enabled ? i.enabled() : !i.enabled()))
            .sorted(Comparator.comparing(TriggerInstance::id)).toList();

        InstanceExport export = new InstanceExport(session, settings);
        List<InstanceExport.Draft> drafts = new ArrayList<>();
        int considered = 0;
        int alreadyManaged = 0;
        int notExported = 0;
        for (TriggerInstance instance : instances) {
            TriggerType type;
            try {
                type = export.type(instance);
            } catch (TriggerProblem unknown) {
                if (toolkits.isEmpty()) {
                    considered++;
                    notExported++;
                    terminal.note("warning: " + instance.id() + " not exported: " + unknown.getMessage());
                }
                continue;
            }
            if (!toolkits.isEmpty() && !toolkits.contains(type.toolkit().slug())) {
                continue;
            }
            considered++;
            var manager = managed.manager(instance.id());
            if (manager.isPresent()) {
                alreadyManaged++;
                terminal.note("skipped " + instance.id() + " (" + instance.triggerName() + "): " + manager.get().describe());
                continue;
            }
            InstanceExport.Draft draft = export.draft(instance, type);
            if (draft.notAdoptable().isPresent()) {
                notExported++;
                terminal.note("warning: " + instance.id() + " not exported: " + draft.notAdoptable().get());
                continue;
            }
            drafts.add(draft);
        }
        List<Manifest> manifests = manifests(drafts);
        write(manifests, considered, alreadyManaged, notExported);
        return ExitCode.OK;
    }

    private ExportSettings settings() {
        if (toolkitVersion != null && !toolkitVersion.matches("latest|[0-9]{8}_[0-9]{2}")) {
            throw new PluginException("--toolkit-version must be latest or YYYYMMDD_NN, was " + toolkitVersion,
                ExitCode.USAGE);
        }
        SecretKeyRef secret = null;
        if (credentialsSecret != null) {
            String[] parts = credentialsSecret.split(":", 2);
            secret = new SecretKeyRef(parts[0], parts.length == 2 ? parts[1] : SecretKeyRef.DEFAULT_KEY);
        }
        return new ExportSettings(namespace, secret, deletionPolicy, toolkitVersion, keepDefaults);
    }

    private TriggerInstanceQuery query() {
        TriggerInstanceQuery query = TriggerInstanceQuery.includingDisabled();
        if (!users.isEmpty()) {
            query = query.withUserIds(users.toArray(String[]::new));
        }
        if (!slugs.isEmpty()) {
            query = query.withTriggerNames(slugs.stream().map(s -> s.toUpperCase(Locale.ROOT)).toArray(String[]::new));
        }
        return query;
    }

    private ManagedTriggers managedTriggers() {
        if (noCluster) {
            terminal.note("not looking for Triggers in the cluster (--no-cluster): every instance is exported");
            return ManagedTriggers.none();
        }
        var access = cluster.connectIfConfigured(terminal);
        if (access.isEmpty()) {
            terminal.note("no kubeconfig found: not looking for Triggers in a cluster (--kubeconfig FILE to skip those "
                + "already managed)");
            return ManagedTriggers.none();
        }
        try (ClusterAccess c = access.get()) {
            var list = c.triggersEverywhereOr(namespace != null ? namespace : c.contextNamespace());
            list.onlyNamespace().ifPresent(ns -> terminal.note("not allowed to list Triggers in all namespaces of "
                + c.describe() + ": looked in namespace " + ns + " only"));
            terminal.note("found " + list.triggers().size() + " Triggers in " + c.describe()
                + list.onlyNamespace().map(ns -> ", namespace " + ns).orElse(""));
            return ManagedTriggers.of(list.triggers());
        }
    }

    private List<Manifest> manifests(List<InstanceExport.Draft> drafts) {
        Map<String, String> names = TriggerNames.assign(drafts.stream()
            .map(d -> new TriggerNames.Parts(d.instance().id(), d.instance().triggerName(), d.user())).toList());
        List<Manifest> manifests = new ArrayList<>();
        for (InstanceExport.Draft d : drafts) {
            String name = names.get(d.instance().id());
            d.trigger().getMetadata().setName(name);
            List<String> comments = new ArrayList<>();
            comments.add("Devcaster trigger " + d.instance().id() + ": " + d.instance().triggerName() + " on connected account "
                + d.instance().connectedAccountId() + (d.user().isEmpty() ? "" : " of user " + d.user())
                + (d.instance().enabled() ? "" : ", disabled") + ".");
            comments.add("The operator adopts exactly this instance (annotation devcaster.dev/trigger-id), with no remote write.");
            d.warnings().forEach(w -> {
                comments.add("warning: " + w);
                terminal.note("warning: " + d.instance().id() + " (" + name + "): " + w);
            });
            manifests.add(new Manifest(name, ManifestYaml.write(d.trigger(), comments)));
        }
        return manifests;
    }

    private void write(List<Manifest> manifests, int considered, int alreadyManaged, int notExported) {
        String counts = manifests.size() + " of " + considered + " trigger instances";
        String others = (alreadyManaged > 0 ? "; " + alreadyManaged + " already managed by Triggers in the cluster" : "")
            + (notExported > 0 ? "; " + notExported + " not exported (warnings above)" : "");
        if (manifests.isEmpty()) {
            terminal.note("nothing to export (" + counts + others + ")");
            return;
        }
        if (outputDir == null) {
            ManifestOutput.stream(manifests, terminal.out());
            terminal.note("exported " + counts + others);
            return;
        }
        ManifestOutput.Written written = ManifestOutput.directory(manifests, outputDir);
        terminal.note("exported " + counts + " to " + outputDir + "/ (" + written.files().size() + " files"
            + (written.kustomizationWritten() ? " and " + ManifestOutput.KUSTOMIZATION + ")" : ")") + others);
        if (!written.kustomizationWritten()) {
            terminal.note("warning: " + outputDir.resolve(ManifestOutput.KUSTOMIZATION) + " was not written by this "
                + "command and is left as it is: add the new files to its resources");
        }
        terminal.note("next: kubectl apply -k " + outputDir + "   (then: kubectl devcaster status"
            + (namespace == null ? "" : " -n " + namespace) + ")");
    }
}
