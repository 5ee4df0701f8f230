package dev.devcaster.sandbox;

import dev.devcaster.operator.app.CommonPoolParallelism;
import dev.devcaster.sandbox.lifecycle.LogFile;
import dev.devcaster.sandbox.lifecycle.Stopped;
import dev.devcaster.sandbox.output.Console;
import dev.devcaster.sandbox.output.SandboxException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** {@code java -jar devcaster-sandbox.jar}, as {@code hack/sandbox.sh} runs it: flags, terminal, exit code. */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) {
        // The operator runs in this process, built as Main builds it.
        CommonPoolParallelism.atLeastTwo();
        SandboxOptions options;
        try {
            options = SandboxOptions.parse(args, System.getenv());
        } catch (SandboxException e) {
            System.err.println("sandbox: " + e.getMessage() + "\n  what to do: " + e.todo());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(SandboxOptions.usage());
            return;
        }
        try {
            Files.createDirectories(options.stateDir());
        } catch (IOException e) {
            System.err.println("sandbox: cannot create the state dir " + options.stateDir() + ": " + e.getMessage()
                + "\n  what to do: pass a writable --state-dir");
            System.exit(2);
            return;
        }
        Console console = console(options);
        System.exit(run(new Sandbox(options, console, repoRoot()), options, console));
    }

    /** Runs the sandbox; a failure is reported once, as what went wrong and what to do. */
    static int run(Sandbox sandbox, SandboxOptions options, Console console) {
        try {
            return sandbox.run();
        } catch (Stopped e) {
            return 130;
        } catch (SandboxException e) {
            console.error(e.getMessage(), e.todo());
            LogFile.logger(SandboxMain.class).error("sandbox failed: {}", e.getMessage(), e);
            return 1;
        } catch (RuntimeException e) {
            console.error("unexpected failure: " + SandboxException.rootMessage(e),
                "see " + options.logFile() + " for details; run again with --once for a non-interactive check");
            LogFile.logger(SandboxMain.class).error("sandbox failed", e);
            return 1;
        }
    }

    /**
     * hack/sandbox.sh knows whether stdout is a terminal ([[ -t 1 ]]); System.console() cannot tell
     * on every JDK (22+ returns one when redirected), so a plain java -jar appends.
     */
    private static Console console(SandboxOptions options) {
        boolean terminal = !options.plain() && "1".equals(System.getenv("DEVCASTER_SANDBOX_TTY"));
        int columns = 0;
        try {
            columns = Integer.parseInt(Objects.requireNonNullElse(System.getenv("COLUMNS"), "0").trim());
        } catch (NumberFormatException e) {
            // unknown width: lines are not cut
        }
        long startedMillisAgo = 0;
        try {
            long since = System.currentTimeMillis()
                - Long.parseLong(Objects.requireNonNullElse(System.getenv("DEVCASTER_SANDBOX_STARTED_MS"), "").trim());
            startedMillisAgo = since >= 0 && since < TimeUnit.HOURS.toMillis(1) ? since : 0;
        } catch (NumberFormatException e) {
            // started without hack/sandbox.sh: the clock starts now
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        return new Console(out, terminal, columns, startedMillisAgo);
    }

    /** The repository: the jar is {@code <repo>/sandbox/target/devcaster-sandbox.jar}. */
    static Path repoRoot() {
        try {
            Path location = Path.of(SandboxMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = location.getParent().getParent().getParent();
            if (Files.isDirectory(candidate.resolve("crds"))) {
                return candidate;
            }
        } catch (Exception e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
