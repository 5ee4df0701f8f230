package dev.devcaster.plugin.completion;

import dev.devcaster.plugin.terminal.BuildVersion;
import dev.devcaster.plugin.terminal.ExitCode;
import dev.devcaster.plugin.terminal.Terminal;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "completion", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    header = "Print the shell completion script (bash and zsh) of kubectl-devcaster.",
    description = {
        "For the plugin called as kubectl-devcaster:",
        "  source <(kubectl devcaster completion)      # bash; zsh after: autoload -U +X bashcompinit && bashcompinit",
        "For 'kubectl devcaster <TAB>' (kubectl 1.26 or newer): put plugin/bin/kubectl_complete-devcaster on the PATH "
            + "beside kubectl-devcaster; kubectl's own completion then asks it."})
public final class CompletionCommand implements Callable<Integer> {

    static final String SCRIPT_NAME = "kubectl-devcaster";

    @Spec
    CommandSpec spec;

    private final Terminal terminal;

    public CompletionCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        terminal.out().print(AutoComplete.bash(SCRIPT_NAME, spec.root().commandLine()));
        terminal.out().flush();
        return ExitCode.OK;
    }
}
