package dev.devcaster.sandbox.lifecycle;

import dev.devcaster.sandbox.output.Console;
import dev.devcaster.sandbox.output.SandboxException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code <state dir>/sandbox.pid}: the sandbox's own pid and those of the kube-apiserver and etcd
 * it started. A second start refuses while the first still runs, and stops what a killed one
 * (kill -9, a crashed JVM) left behind, so no stale process gets in the way. The first component:
 * it stops last, and removes the file only when none of the recorded processes runs any more.
 */
public final class PidFile implements Component {

    private final Path file;
    private final Path binaries;
    private final Console console;
    private final List<ProcessHandle> children = new CopyOnWriteArrayList<>();
    private volatile boolean claimed;

    /** @param binaries where kube-apiserver and etcd come from: only those are stopped as leftovers */
    public PidFile(Path file, Path binaries, Console console) {
        this.file = file;
        this.binaries = binaries;
        this.console = console;
    }

    @Override
    public void start() {
        claim();
    }

    @Override
    public void stop() {
        if (children.stream().noneMatch(ProcessHandle::isAlive)) {
            delete();
        }
    }

    /** Refuses if a sandbox with this state dir runs; stops leftovers of a dead one; records this one. */
    private void claim() {
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
                console.step("stopped " + Path.of(command).getFileName() + " (pid " + pid
                    + ") left running by an earlier sandbox that did not shut down cleanly");
            }
        }
        write(List.of("sandbox " + ProcessHandle.current().pid()));
        claimed = true;
    }

    /** Records processes this sandbox started, so a next start stops them if this one cannot. */
    public void addChildren(List<ProcessHandle> processes) {
        children.addAll(processes);
        List<String> lines = new ArrayList<>(read());
        processes.forEach(c -> lines.add("child " + c.pid()));
        write(lines);
    }

    /** Only the sandbox that claimed the file removes it. */
    private void delete() {
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
