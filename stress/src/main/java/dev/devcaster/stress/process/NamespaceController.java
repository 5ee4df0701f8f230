package dev.devcaster.stress.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kube-controller-manager running only the namespace controller and the garbage collector against a
 * test kube-apiserver. A bare kube-apiserver has no controllers, so a deleted namespace stays
 * Terminating forever; with this, deleting a namespace deletes its objects (Triggers then wait on
 * the operator's finalizer) and then the namespace itself, as on a real cluster.
 */
public final class NamespaceController implements AutoCloseable {

    private final Process process;
    private final Path logFile;

    private NamespaceController(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    static List<String> command(ControlPlaneBinaries binaries, Path kubeconfig) {
        return List.of(binaries.binary("kube-controller-manager").toString(),
            "--kubeconfig=" + kubeconfig,
            // The same admin identity for the delegated authn/authz look-ups (never served: see secure-port).
            "--authentication-kubeconfig=" + kubeconfig,
            "--authorization-kubeconfig=" + kubeconfig,
            "--authentication-skip-lookup=true",
            "--controllers=namespace-controller,garbage-collector-controller",
            "--use-service-account-credentials=false",
            "--leader-elect=false",
            // No HTTPS endpoint at all: nothing here needs its /healthz or /metrics.
            "--secure-port=0",
            "--kube-api-qps=100",
            "--kube-api-burst=200",
            "--concurrent-namespace-syncs=5",
            "--v=1");
    }

    /** Starts kube-controller-manager; its output goes to {@code logFile}. */
    public static NamespaceController start(ControlPlaneBinaries binaries, Path kubeconfig, Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command(binaries, kubeconfig))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
            process.getOutputStream().close();
            NamespaceController controller = new NamespaceController(process, logFile);
            controller.awaitStarted(Duration.ofSeconds(60));
            return controller;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start kube-controller-manager", e);
        }
    }

    /** Waits until the namespace controller reports that it runs (its informers have synced). */
    private void awaitStarted(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kube-controller-manager exited with " + process.exitValue()
                    + "; see " + logFile + ":\n" + ProcessLogs.tail(logFile, 20));
            }
            String log = ProcessLogs.read(logFile);
            if (log.contains("Started controller") && log.contains("namespace-controller")
                || log.contains("Starting namespace controller")) {
                return;
            }
            Sleeps.millis(200);
        }
        throw new IllegalStateException("kube-controller-manager did not start its namespace controller within "
            + timeout + "; see " + logFile + ":\n" + ProcessLogs.tail(logFile, 20));
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
