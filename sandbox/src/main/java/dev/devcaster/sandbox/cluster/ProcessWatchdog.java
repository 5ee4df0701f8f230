package dev.devcaster.sandbox.cluster;

import dev.devcaster.sandbox.lifecycle.StopSignal;
import dev.devcaster.sandbox.output.Console;

import java.nio.file.Path;
import java.util.List;

/**
 * A kube-apiserver or etcd that dies while the sandbox runs ends the sandbox with a message,
 * instead of a table that stops changing. Once the sandbox is stopping, exits are expected.
 */
final class ProcessWatchdog {

    private ProcessWatchdog() {
    }

    static void watch(List<ControlPlaneProcess> processes, StopSignal signal, Console console, Path logFile) {
        for (ControlPlaneProcess process : processes) {
            process.onExit().thenRunAsync(() -> {
                if (signal.stopping()) {
                    return;
                }
                console.error(process.name() + " (pid " + process.handle().pid() + ") exited unexpectedly (exit code "
                    + process.exitValue() + ")", "its output is in " + logFile + "; start the sandbox again");
                System.exit(1);
            });
        }
    }
}
