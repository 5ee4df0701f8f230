package dev.devcaster.plugin.completion;

import dev.devcaster.plugin.terminal.ExitCode;
import dev.devcaster.plugin.terminal.Terminal;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * kubectl's plugin completion protocol (kubectl 1.26+): {@code kubectl devcaster exp<TAB>} runs
 * {@code kubectl_complete-devcaster exp}, with the word being completed last, and reads one candidate
 * per line, then {@code :<directive>} (Cobra's: 4 = no file names, 0 = the shell's default).
 */
@Command(name = "__complete", hidden = true, description = "Completion candidates for kubectl (used by kubectl_complete-devcaster).")
public final class CompleteCommand implements Callable<Integer> {

    private static final int NO_FILE_COMPLETION = 4;
    private static final int DEFAULT_COMPLETION = 0;

    @Parameters(arity = "0..*", paramLabel = "WORD")
    List<String> words = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final Terminal terminal;

    public CompleteCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        String[] args = words.isEmpty() ? new String[] {""} : words.toArray(String[]::new);
        String current = args[args.length - 1];
        List<CharSequence> suffixes = new ArrayList<>();
        AutoComplete.complete(spec.root(), args, args.length - 1, current.length(), 0, suffixes);
        List<String> candidates = suffixes.stream().map(s -> current + s)
            .filter(c -> !c.equals("__complete") && !c.isEmpty()).distinct().sorted().toList();
        candidates.forEach(terminal.out()::println);
        terminal.out().println(":" + (candidates.isEmpty() ? DEFAULT_COMPLETION : NO_FILE_COMPLETION));
        terminal.out().flush();
        return ExitCode.OK;
    }
}
