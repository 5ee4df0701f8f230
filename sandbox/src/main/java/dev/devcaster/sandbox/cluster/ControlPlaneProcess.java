package dev.devcaster.sandbox.cluster;

import dev.devcaster.sandbox.lifecycle.LogFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * etcd or kube-apiserver as a child process: its output appended to the control-plane log, never
 * to the sandbox's own; stopped with SIGTERM, and SIGKILL when that takes too long. It runs in a
 * session of its own ({@code setsid}), so the SIGINT a terminal sends to its foreground process
 * group on Ctrl-C reaches the sandbox only: the sandbox stops the operator while kube-apiserver
 * still serves it, and stops kube-apiserver and etcd last.
 */
final class ControlPlaneProcess {

    /** util-linux setsid: runs the command in a new session (same pid: a child is no group leader). */
    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
        .filter(Files::isExecutable).findFirst();

    private final String name;
    private final Process process;

    private ControlPlaneProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code command}, first noting it in {@code log}. */
    static ControlPlaneProcess start(String name, List<String> command, Path log) {
        try {
            Files.writeString(log, "==== " + name + ": " + String.join(" ", command) + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            List<String> line = new ArrayList<>();
            SETSID.ifPresentOrElse(setsid -> line.add(setsid.toString()), () -> LogFile.logger(ControlPlaneProcess.class)
                .warn("no setsid: Ctrl-C in the terminal also interrupts {}", name));
            line.addAll(command);
            Process process = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
            process.getOutputStream().close();
            LogFile.logger(ControlPlaneProcess.class).info("started {} (pid {}), output in {}", name, process.pid(), log);
            return new ControlPlaneProcess(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    String name() {
        return name;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Completes when the process exits, for whatever reason. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /**
     * SIGTERM, then SIGKILL after {@code grace}.
     *
     * @return true when it ran until this stop (false: it had exited before)
     */
    boolean stop(Duration grace) {
        if (!process.isAlive()) {
            LogFile.logger(ControlPlaneProcess.class).warn("{} (pid {}) had exited before the stop, code {}", name,
                process.pid(), process.exitValue());
            return false;
        }
        long t0 = System.nanoTime();
        process.destroy();
        if (!waitFor(grace)) {
            LogFile.logger(ControlPlaneProcess.class).warn("{} (pid {}) still runs {} after SIGTERM: SIGKILL", name,
                process.pid(), grace);
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
        LogFile.logger(ControlPlaneProcess.class).info("stopped {} (pid {}) after {} ms", name, process.pid(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return true;
    }

    private boolean waitFor(Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
