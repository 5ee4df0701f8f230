package dev.devcaster.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code <state dir>/sandbox.pid}: the sandbox's own pid and those of the kube-apiserver and etcd
 * it started. A second start refuses while the first still runs, and stops what a killed one
 * (kill -9, a crashed JVM) left behind, so no stale process gets in the way.
 */
final class PidFile {

    private final Path file;
    private final Path binaries;
    private volatile boolean claimed;

    PidFile(Path file, Path binaries) {
        this.file = file;
        this.binaries = binaries;
    }

    /** Refuses if a sandbox with this state dir runs; stops leftovers of a dead one; records this one. */
    void claim(Consumer<String> report) {
        for (String line : read()) {
            String[] parts = line.split(" ", 2);
            if (parts.length < 2) {
                continue;
            }
            long pid;
            try {
                pid = Long.parseLong(parts[1].trim());
            } catch (NumberFormatException e) {
                continue;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (process.isEmpty() || pid == ProcessHandle.current().pid()) {
                continue;
            }
            String command = process.get().info().command().orElse("");
            if (parts[0].equals("sandbox") && command.contains("java")) {
                throw new SandboxException("another sandbox is running (pid " + pid + ") with state dir " + file.getParent(),
                    "stop it with Ctrl-C in its terminal (or kill " + pid + "), or give this one its own --state-dir,"
                        + " --emulator-port and --http-port");
            }
            if (parts[0].equals("child") && command.startsWith(binaries.toString())) {
                process.get().destroyForcibly();
                report.accept("stopped " + Path.of(command).getFileName() + " (pid " + pid
                    + ") left running by an earlier sandbox that did not shut down cleanly");
            }
        }
        write(List.of("sandbox " + ProcessHandle.current().pid()));
        claimed = true;
    }

    void addChildren(List<ProcessHandle> children) {
        List<String> lines = new ArrayList<>(read());
        children.forEach(c -> lines.add("child " + c.pid()));
        write(lines);
    }

    /** Only the sandbox that claimed the file removes it. */
    void delete() {
        if (!claimed) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: the next start checks the pids anyway
        }
    }

    private List<String> read() {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void write(List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
