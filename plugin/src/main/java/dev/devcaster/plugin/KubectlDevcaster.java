package dev.devcaster.plugin;

import dev.devcaster.operator.client.DevcasterException;
import dev.devcaster.operator.client.UnauthorizedException;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.plugin.completion.CompleteCommand;
import dev.devcaster.plugin.completion.CompletionCommand;
import dev.devcaster.plugin.export.ExportCommand;
import dev.devcaster.plugin.status.StatusCommand;
import dev.devcaster.plugin.terminal.BuildVersion;
import dev.devcaster.plugin.terminal.ExitCode;
import dev.devcaster.plugin.terminal.PluginException;
import dev.devcaster.plugin.terminal.Terminal;
import dev.devcaster.plugin.validate.ValidateCommand;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kubectl devcaster}: brings existing Devcaster triggers under GitOps. The commands reuse the
 * operator's own client, validation, account rule and Trigger types, so what they say is what the
 * operator will do.
 */
@Command(name = "kubectl devcaster", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, versionProvider = BuildVersion.class,
    header = "Bring existing Devcaster triggers under GitOps: export, validate and inspect Trigger resources.",
    description = {"",
        "Devcaster: --base-url or $DEVCASTER_BASE_URL (default https://backend.devcaster.dev); the project API key "
            + "from --api-key-secret NAMESPACE/NAME[:KEY], else $DEVCASTER_API_KEY, else a prompt that does not echo "
            + "(never an option value, never printed). $DEVCASTER_PROXY and $DEVCASTER_CA_BUNDLE as for the operator.",
        "Cluster: --kubeconfig FILE, else $KUBECONFIG, else ~/.kube/config; --context to pick a context. Only reads.",
        "KUBECTL_DEVCASTER_DEBUG=1 adds the stack trace to an error.",
        ""},
    subcommands = {ExportCommand.class, ValidateCommand.class, StatusCommand.class, CompletionCommand.class,
        CompleteCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done",
        "1:validate: a manifest is invalid",
        "2:wrong command line",
        "3:could not do it: Devcaster or the cluster failed or refused, or a file could not be read or written"})
public final class KubectlDevcaster implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(Terminal.system()).execute(args));
    }

    /** The whole command tree, talking to {@code terminal}; tests run it in-process with their own. */
    public static CommandLine commandLine(Terminal terminal) {
        CommandLine line = new CommandLine(new KubectlDevcaster(), new Factory(terminal));
        line.setOut(terminal.out());
        line.setErr(terminal.err());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        // The words being completed are data: "--us" is a prefix to complete, not an option of __complete.
        CommandLine complete = line.getSubcommands().get("__complete");
        complete.setUnmatchedOptionsArePositionalParams(true);
        complete.setEndOfOptionsDelimiter("\0");
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            terminal.err().println("error: " + e.getMessage());
            terminal.err().println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            terminal.err().flush();
            return ExitCode.USAGE;
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            terminal.err().println("error: " + describe(e));
            if (terminal.env("KUBECTL_DEVCASTER_DEBUG").isPresent()) {
                e.printStackTrace(terminal.err());
            }
            terminal.err().flush();
            return e instanceof PluginException p ? p.exitCode() : ExitCode.FAILED;
        });
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What went wrong, in a line: no stack trace, no API key (the client never puts one in a message). */
    static String describe(Exception e) {
        if (e instanceof UnauthorizedException u) {
            return "Devcaster rejected the API key: " + u.getMessage()
                + " (check DEVCASTER_API_KEY, --api-key-secret or the base URL)";
        }
        if (e instanceof DevcasterException d) {
            return "Devcaster: " + d.getMessage() + (d.status() == 0 ? " (is --base-url / DEVCASTER_BASE_URL right?)" : "");
        }
        if (e instanceof TriggerProblem p) {
            return p.reason() + ": " + p.getMessage();
        }
        if (e instanceof KubernetesClientException k) {
            return "the cluster: " + (k.getCode() > 0 ? "HTTP " + k.getCode() + " " : "") + firstLine(k.getMessage());
        }
        if (e instanceof PluginException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    /** Subcommands get the terminal; picocli makes everything else. */
    private record Factory(Terminal terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getConstructor(Terminal.class).newInstance(terminal);
            } catch (NoSuchMethodException noTerminal) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
