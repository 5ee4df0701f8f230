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
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * etcd or kube-apiserver as a child process: its output appended to the control-plane log, never
 * to the sandbox's own; stopped with SIGTERM, and SIGKILL when that takes too long.
 */
final class ControlPlaneProcess {

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
            Process process = new ProcessBuilder(command)
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
