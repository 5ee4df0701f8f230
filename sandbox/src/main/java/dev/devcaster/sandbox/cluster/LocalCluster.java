package dev.devcaster.sandbox.cluster;

import dev.devcaster.sandbox.lifecycle.PidFile;
import dev.devcaster.sandbox.lifecycle.StopSignal;
import dev.devcaster.sandbox.output.Console;
import dev.devcaster.sandbox.output.SandboxException;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real kube-apiserver + etcd, run by Fabric8 kube-api-test from the binaries
 * {@code hack/control-plane.sh} caches (offline: never downloads). etcd keeps its data in a fresh
 * temporary folder, so every start begins empty.
 */
public final class LocalCluster implements Cluster {

    private final Path binaries;
    private final Path cacheRoot;
    private final String version;
    private final String namespace;
    private final Path kubeconfigFile;
    private final PidFile pidFile;
    private final StopSignal signal;
    private final Console console;
    private final Path logFile;

    private KubeAPIServer server;
    private List<ProcessHandle> processes = List.of();
    private KubernetesClient client;

    /**
     * @param cacheRoot the folder holding {@code k8s/<version>-linux-<arch>/} (kube-api-test's layout;
     *                  its certificates live there too)
     * @param namespace the kubeconfig context's namespace, so kubectl needs no {@code -n}
     * @param logFile   where kube-apiserver and etcd write, named when one of them dies
     */
    public LocalCluster(Path binaries, Path cacheRoot, String version, String namespace, Path kubeconfigFile,
                        PidFile pidFile, StopSignal signal, Console console, Path logFile) {
        this.binaries = binaries;
        this.cacheRoot = cacheRoot;
        this.version = version;
        this.namespace = namespace;
        this.kubeconfigFile = kubeconfigFile;
        this.pidFile = pidFile;
        this.signal = signal;
        this.console = console;
        this.logFile = logFile;
    }

    @Override
    public String name() {
        return "kube-apiserver + etcd";
    }

    @Override
    public void preflight() {
        for (String binary : List.of("kube-apiserver", "etcd", "kubectl")) {
            if (!Files.isExecutable(binaries.resolve(binary))) {
                throw new SandboxException(binary + " " + version + " is not built yet (looked in " + binaries + ")",
                    "run hack/sandbox.sh (it builds them once with hack/control-plane.sh, about 4 minutes, needs Go),"
                        + " or point the sandbox at an existing cluster with --kubeconfig PATH or --use-current-context");
            }
        }
    }

    @Override
    public void start() {
        console.step("starting kube-apiserver " + version + " + etcd from " + binaries + " ...");
        long t0 = System.nanoTime();
        server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
            .withTestDir(cacheRoot.toString())
            .withApiServerVersion(version)
            .withOfflineMode(true)
            .withUpdateKubeConfig(false)
            .build());
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new SandboxException("kube-apiserver + etcd did not start: " + SandboxException.rootMessage(e),
                "see the log file for their output; if a port is taken or the binaries are broken, delete " + binaries
                    + " and run hack/sandbox.sh again to rebuild them", e);
        } finally {
            processes = ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.startsWith(binaries.toString())).orElse(false))
                .toList();
        }
        pidFile.addChildren(processes);
        String yaml = server.getKubeConfigYaml()
            .replace("namespace: default", "namespace: " + namespace)
            .replace("kubeapitest", "devcaster-sandbox");
        writeKubeconfig(yaml);
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
        String description = "kube-apiserver " + client.getKubernetesVersion().getGitVersion() + " + etcd at "
            + client.getConfiguration().getMasterUrl();
        console.step("cluster ready after " + Console.since(t0) + ": " + description);
        new ProcessWatchdog(processes, signal, console, logFile).start();
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String kubectlFlags() {
        return " --kubeconfig " + kubeconfigFile;
    }

    /** @throws SandboxException naming what still runs after kill -9 */
    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                // stopped already (a process died and kube-api-test stopped the other), or etcd data gone
            }
        }
        // kube-api-test kills both; make sure, since nothing may be left behind.
        processes.forEach(ProcessHandle::destroyForcibly);
        List<ProcessHandle> left = processes.stream().filter(p -> {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
                return false;
            } catch (Exception e) {
                return p.isAlive();
            }
        }).toList();
        if (!left.isEmpty()) {
            throw new SandboxException("still running after stop: "
                + left.stream().map(p -> "pid " + p.pid()).collect(Collectors.joining(", ")),
                "kill them (kill -9 <pid>); the next start stops them too");
        }
    }

    /** Writes the kubeconfig (client key paths inside: owner-only) by atomic rename. */
    private void writeKubeconfig(String yaml) {
        try {
            Files.createDirectories(kubeconfigFile.getParent());
            Path tmp = Files.createTempFile(kubeconfigFile.getParent(), "kubeconfig", ".tmp");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(tmp, yaml);
            Files.move(tmp, kubeconfigFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + kubeconfigFile, e);
        }
    }
}
