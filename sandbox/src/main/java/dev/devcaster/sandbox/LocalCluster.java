package dev.devcaster.sandbox;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real kube-apiserver + etcd, run by Fabric8 kube-api-test from the binaries
 * {@code hack/control-plane.sh} caches (offline: never downloads). etcd keeps its data in a fresh
 * temporary folder, so every start begins empty.
 */
final class LocalCluster implements AutoCloseable {

    private final KubeAPIServer server;
    private final List<ProcessHandle> processes;
    private final String kubeconfigYaml;

    private LocalCluster(KubeAPIServer server, List<ProcessHandle> processes, String kubeconfigYaml) {
        this.server = server;
        this.processes = processes;
        this.kubeconfigYaml = kubeconfigYaml;
    }

    static void requireBinaries(Path binaries, String version) {
        for (String binary : List.of("kube-apiserver", "etcd", "kubectl")) {
            if (!Files.isExecutable(binaries.resolve(binary))) {
                throw new SandboxException(binary + " " + version + " is not built yet (looked in " + binaries + ")",
                    "run hack/sandbox.sh (it builds them once with hack/control-plane.sh, about 4 minutes, needs Go),"
                        + " or point the sandbox at an existing cluster with --kubeconfig PATH or KUBECONFIG");
            }
        }
    }

    /**
     * @param cacheRoot the folder holding {@code k8s/<version>-linux-<arch>/} (kube-api-test's layout;
     *                  its certificates live there too)
     * @param namespace the kubeconfig context's namespace, so kubectl needs no {@code -n}
     */
    static LocalCluster start(Path binaries, Path cacheRoot, String version, String namespace) {
        requireBinaries(binaries, version);
        var server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
            .withTestDir(cacheRoot.toString())
            .withApiServerVersion(version)
            .withOfflineMode(true)
            .withUpdateKubeConfig(false)
            .build());
        try {
            server.start();
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw new SandboxException("kube-apiserver + etcd did not start: " + rootMessage(e),
                "see the log file for their output; if a port is taken or the binaries are broken, delete " + binaries
                    + " and run hack/sandbox.sh again to rebuild them", e);
        }
        List<ProcessHandle> processes = ProcessHandle.current().children()
            .filter(p -> p.info().command().map(c -> c.startsWith(binaries.toString())).orElse(false))
            .toList();
        String yaml = server.getKubeConfigYaml()
            .replace("namespace: default", "namespace: " + namespace)
            .replace("kubeapitest", "devcaster-sandbox");
        return new LocalCluster(server, processes, yaml);
    }

    String kubeconfigYaml() {
        return kubeconfigYaml;
    }

    /** kube-apiserver and etcd, as started. */
    List<ProcessHandle> processes() {
        return processes;
    }

    /** Writes the kubeconfig (client key paths inside: owner-only) by atomic rename. */
    void writeKubeconfig(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "kubeconfig", ".tmp");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(tmp, kubeconfigYaml);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        stopQuietly(server);
        // kube-api-test kills both; make sure, since nothing may be left behind.
        processes.forEach(ProcessHandle::destroyForcibly);
    }

    private static void stopQuietly(KubeAPIServer server) {
        try {
            server.stop();
        } catch (RuntimeException e) {
            // stopped already (a process died and kube-api-test stopped the other), or etcd data gone
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
