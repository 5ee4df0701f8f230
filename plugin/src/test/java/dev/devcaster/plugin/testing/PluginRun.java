package dev.devcaster.plugin.testing;

import dev.devcaster.plugin.KubectlDevcaster;
import dev.devcaster.plugin.terminal.Terminal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code kubectl devcaster ARGS} in this JVM, as picocli runs it for the launcher, with its own stdout, stderr and environment. */
public final class PluginRun {

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {

        /** stdout and stderr, for "never appears anywhere" checks. */
        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> env = new HashMap<>();

    public PluginRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), env, null);
        int code = KubectlDevcaster.commandLine(terminal).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public Result run(List<String> args) {
        return run(args.toArray(String[]::new));
    }
}
