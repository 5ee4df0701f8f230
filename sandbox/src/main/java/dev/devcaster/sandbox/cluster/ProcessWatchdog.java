package dev.devcaster.sandbox.cluster;

import dev.devcaster.sandbox.lifecycle.StopSignal;
import dev.devcaster.sandbox.output.Console;

import java.nio.file.Path;
import java.util.List;

/** A dead kube-apiserver or etcd ends the sandbox with a message instead of a table that stops changing. */
final class ProcessWatchdog {

    private final List<ProcessHandle> processes;
    private final StopSignal signal;
    private final Console console;
    private final Path logFile;

    ProcessWatchdog(List<ProcessHandle> processes, StopSignal signal, Console console, Path logFile) {
        this.processes = processes;
        this.signal = signal;
        this.console = console;
        this.logFile = logFile;
    }

    void start() {
        Thread thread = new Thread(this::watch, "sandbox-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (!signal.stopping()) {
            for (ProcessHandle p : processes) {
                if (!p.isAlive()) {
                    pause(500);
                    if (signal.stopping()) {
                        return;
                    }
                    console.error(p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("kube-apiserver")
                        + " (pid " + p.pid() + ") exited unexpectedly",
                        "its output is in " + logFile + "; start the sandbox again");
                    System.exit(1);
                }
            }
            pause(1000);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
