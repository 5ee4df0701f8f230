package dev.devcaster.plugin.status;

import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.TriggerInstanceQuery;
import dev.devcaster.operator.status.TriggerConditions;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerStatus;
import dev.devcaster.plugin.cluster.ClusterAccess;
import dev.devcaster.plugin.cluster.ClusterOptions;
import dev.devcaster.plugin.devcaster.DevcasterOptions;
import dev.devcaster.plugin.devcaster.DevcasterSession;
import dev.devcaster.plugin.terminal.BuildVersion;
import dev.devcaster.plugin.terminal.ExitCode;
import dev.devcaster.plugin.terminal.Table;
import dev.devcaster.plugin.terminal.Terminal;
import io.fabric8.kubernetes.api.model.Condition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

@Command(name = "status", aliases = "get", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    header = "Show Triggers beside their remote triggers: state, account and drift.",
    description = {
        "Lists the Triggers of a namespace (or all) with what Devcaster has for each: REMOTE is the instance's state "
            + "(Enabled, Disabled; missing: deleted outside the operator; other project: the Trigger's instance lives "
            + "in another project than the key's), ACCOUNT its connected account, DRIFT what differs from the spec "
            + "(config, enabled, account; none when nothing does), compared as the operator compares (schema defaults "
            + "applied). The operator corrects drift at its next resync.",
        "Then it counts the instances of the project that no Trigger shown records (kubectl devcaster export adopts "
            + "them)."},
    footer = {"", "Examples:", "  kubectl devcaster status -n team-a", "  kubectl devcaster get -A"})
public final class StatusCommand implements Callable<Integer> {

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
        description = "Namespace of the Triggers (default: the kubeconfig context's).")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Triggers of every namespace.")
    boolean allNamespaces;

    @Mixin
    DevcasterOptions devcaster;

    @Mixin
    ClusterOptions cluster;

    private final Terminal terminal;

    public StatusCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<Trigger> triggers;
        String where;
        try (ClusterAccess access = cluster.require(terminal, "status")) {
            Optional<String> ns = allNamespaces ? Optional.empty()
                : Optional.of(namespace != null ? namespace : access.contextNamespace());
            triggers = access.triggers(ns).stream().sorted(Comparator
                .comparing((Trigger t) -> t.getMetadata().getNamespace()).thenComparing(t -> t.getMetadata().getName()))
                .toList();
            where = ns.map(n -> "namespace " + n).orElse("all namespaces");
        }
        DevcasterSession session = devcaster.open(terminal, cluster);
        Map<String, TriggerInstance> remote = session.instances(TriggerInstanceQuery.includingDisabled()).stream()
            .collect(Collectors.toMap(TriggerInstance::id, Function.identity(), (a, b) -> a));

        Table table = allNamespaces
            ? new Table("NAMESPACE", "NAME", "SLUG", "READY", "REASON", "TRIGGER ID", "REMOTE", "ACCOUNT", "DRIFT")
            : new Table("NAME", "SLUG", "READY", "REASON", "TRIGGER ID", "REMOTE", "ACCOUNT", "DRIFT");
        Counts counts = new Counts();
        Set<String> recorded = new HashSet<>();
        for (Trigger t : triggers) {
            String[] row = row(t, remote, session, counts, recorded);
            table.row(allNamespaces ? prepend(t.getMetadata().getNamespace(), row) : row);
        }
        if (table.isEmpty()) {
            terminal.note("no Triggers in " + where);
        } else {
            table.print(terminal.out());
        }
        long unmanaged = remote.keySet().stream().filter(id -> !recorded.contains(id)).count();
        terminal.note(counts.describe(triggers.size()) + "; " + unmanaged + " of the project's " + remote.size()
            + " trigger instances are recorded by no Trigger in " + where
            + (unmanaged > 0 ? " (kubectl devcaster export writes Triggers for them)" : ""));
        return ExitCode.OK;
    }

    private static String[] row(Trigger t, Map<String, TriggerInstance> remote, DevcasterSession session, Counts counts,
                                Set<String> recorded) {
        TriggerStatus status = t.getStatus();
        Optional<Condition> ready = status == null ? Optional.empty()
            : TriggerConditions.find(status.getConditions(), TriggerConditions.READY);
        String id = status == null ? null : status.getTriggerId();
        String state;
        String account = null;
        String drift;
        if (id == null) {
            state = "-";
            drift = "-";
            counts.withoutRemote++;
        } else if (status.getProject() != null && !status.getProject().equals(session.project())) {
            state = "other project";
            drift = "-";
            counts.otherProject++;
        } else if (!remote.containsKey(id)) {
            recorded.add(id);
            state = "missing";
            drift = "missing";
            counts.drifted++;
        } else {
            recorded.add(id);
            TriggerInstance instance = remote.get(id);
            state = instance.enabled() ? "Enabled" : "Disabled";
            account = instance.connectedAccountId();
            List<String> differences = Drift.of(t, instance, session);
            drift = differences.isEmpty() ? "none" : String.join(",", differences);
            if (differences.isEmpty()) {
                counts.inSync++;
            } else {
                counts.drifted++;
            }
        }
        return new String[] {t.getMetadata().getName(), t.getSpec().getSlug(),
            ready.map(Condition::getStatus).orElse(null), ready.map(Condition::getReason).orElse(null), id, state,
            account, drift};
    }

    private static String[] prepend(String first, String[] rest) {
        List<String> all = new ArrayList<>(Arrays.asList(rest));
        all.add(0, first);
        return all.toArray(String[]::new);
    }

    private static final class Counts {
        int inSync;
        int drifted;
        int withoutRemote;
        int otherProject;

        String describe(int total) {
            return total + " Trigger" + (total == 1 ? "" : "s") + ": " + inSync + " in sync, " + drifted + " drifted, "
                + withoutRemote + " without a remote trigger" + (otherProject > 0 ? ", " + otherProject
                + " in another project than the key's" : "");
        }
    }
}
