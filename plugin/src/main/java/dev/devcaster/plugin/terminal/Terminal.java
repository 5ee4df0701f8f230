package dev.devcaster.plugin.terminal;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a command talks to: stdout for its output (YAML, tables) and nothing else, stderr for notes,
 * warnings and errors, the environment, and a prompt that does not echo. Tests hand in their own.
 */
public final class Terminal {

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> env;
    private final Function<String, char[]> secretPrompt;

    /**
     * @param secretPrompt asks for a secret without echoing it; null when there is no terminal to ask on
     */
    public Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, Function<String, char[]> secretPrompt) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.secretPrompt = secretPrompt;
    }

    /**
     * The process's own: System.out, System.err, the environment, and the terminal to ask on: the
     * console, else /dev/tty (Java 17 has no console when stdout is redirected, as in
     * {@code kubectl devcaster export > triggers.yaml}).
     */
    public static Terminal system() {
        Console console = System.console();
        return new Terminal(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
            console != null ? prompt -> console.readPassword("%s", prompt) : TtyPrompt::ask);
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** A non-blank environment variable. */
    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    /** Asks for a secret on the terminal without echoing it; empty when there is no terminal. */
    public Optional<char[]> askSecret(String prompt) {
        return secretPrompt == null ? Optional.empty() : Optional.ofNullable(secretPrompt.apply(prompt));
    }

    /** A note for the person running the command (stderr, so stdout stays the output). */
    public void note(String text) {
        err.println(text);
        err.flush();
    }
}
