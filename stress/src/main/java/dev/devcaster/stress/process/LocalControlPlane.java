package dev.devcaster.stress.process;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver + etcd (Fabric8 kube-api-test, offline, from the cached binaries), its admin
 * kubeconfig written to a file so that other processes (the operator, kube-controller-manager) can
 * use it, and optionally a {@link NamespaceController} so deleted namespaces really go.
 */
public final class LocalControlPlane implements AutoCloseable {

    private final KubeAPIServer server;
    private final List<ProcessHandle> processes;
    private final Path kubeconfig;
    private final KubernetesClient client;
    private final Duration startup;
    private NamespaceController namespaceController;

    private LocalControlPlane(KubeAPIServer server, List<ProcessHandle> processes, Path kubeconfig,
                              KubernetesClient client, Duration startup) {
        this.server = server;
        this.processes = processes;
        this.kubeconfig = kubeconfig;
        this.client = client;
        this.startup = startup;
    }

    /**
     * @param workDir where the kubeconfig (and the controller manager's log) go
     */
    public static LocalControlPlane start(ControlPlaneBinaries binaries, Path workDir) {
        Instant begin = Instant.now();
        var server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
            .withTestDir(binaries.kubeApiTestDir().toString())
            .withApiServerVersion(binaries.version())
            .withOfflineMode(true)
            .withUpdateKubeConfig(false)
            .build());
        server.start();
        List<ProcessHandle> processes = ProcessHandle.current().children()
            .filter(p -> p.info().command().map(c -> c.startsWith(binaries.dir().toString())).orElse(false))
            .toList();
        String yaml = server.getKubeConfigYaml();
        Path kubeconfig = workDir.resolve("kubeconfig");
        writePrivate(kubeconfig, yaml);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
        return new LocalControlPlane(server, processes, kubeconfig, client, Duration.between(begin, Instant.now()));
    }

    /** Starts kube-controller-manager with the namespace controller (and the garbage collector). */
    public NamespaceController startNamespaceController(ControlPlaneBinaries binaries, Path logFile) {
        namespaceController = NamespaceController.start(binaries, kubeconfig, logFile);
        return namespaceController;
    }

    /** The admin kubeconfig file (client key paths inside; owner-only). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** A cluster-admin client. */
    public KubernetesClient client() {
        return client;
    }

    public Duration startup() {
        return startup;
    }

    public String describe() {
        return "kube-apiserver " + client.getKubernetesVersion().getGitVersion() + " + etcd (kube-api-test) at "
            + client.getConfiguration().getMasterUrl();
    }

    /** kube-apiserver and etcd as started (for RSS and CPU readings). */
    public List<ProcessHandle> processes() {
        return processes;
    }

    /** Installs a CRD from a YAML file and waits until it is Established. */
    public void installCrd(Path yaml) {
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(yaml)) {
            crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + yaml, e);
        }
        client.apiextensions().v1().customResourceDefinitions().resource(crd).forceConflicts().serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
            .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                && c.getStatus().getConditions().stream()
                .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())),
                60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (namespaceController != null) {
            namespaceController.close();
        }
        client.close();
        try {
            server.stop();
        } catch (RuntimeException e) {
            // a process died already and kube-api-test stopped the other
        }
        processes.forEach(ProcessHandle::destroyForcibly);
    }

    static void writePrivate(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
