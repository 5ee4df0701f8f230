package dev.devcaster.sandbox.cluster;

import dev.devcaster.sandbox.lifecycle.PidFile;
import dev.devcaster.sandbox.lifecycle.Ports;
import dev.devcaster.sandbox.lifecycle.StopSignal;
import dev.devcaster.sandbox.output.Console;
import dev.devcaster.sandbox.output.SandboxException;
import io.fabric8.kubeapitest.cert.CertManager;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real kube-apiserver + etcd from the binaries {@code hack/control-plane.sh} caches, listening
 * on 127.0.0.1 only, each in a session of its own (Ctrl-C reaches the sandbox, not them), their
 * output in the control-plane log. Stopped last, kube-apiserver before etcd. etcd keeps its data in a fresh
 * temporary folder, so every start begins empty. The certificates are Fabric8 kube-api-test's
 * (generated once into the cache folder), as for the operator's tests.
 */
public final class LocalCluster implements Cluster {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Path binaries;
    private final Path certs;
    private final String version;
    private final String namespace;
    private final Path kubeconfigFile;
    private final Path controlPlaneLog;
    private final PidFile pidFile;
    private final StopSignal signal;
    private final Console console;

    /** etcd, then kube-apiserver: in start order. */
    private final List<ControlPlaneProcess> processes = new ArrayList<>();
    private Path dataDir;
    private KubernetesClient client;

    /**
     * @param certs           where kube-api-test keeps its certificates (the cache folder)
     * @param namespace       the kubeconfig context's namespace, so kubectl needs no {@code -n}
     * @param controlPlaneLog where kube-apiserver and etcd write (truncated at start)
     */
    public LocalCluster(Path binaries, Path certs, String version, String namespace, Path kubeconfigFile,
                        Path controlPlaneLog, PidFile pidFile, StopSignal signal, Console console) {
        this.binaries = binaries;
        this.certs = certs;
        this.version = version;
        this.namespace = namespace;
        this.kubeconfigFile = kubeconfigFile;
        this.controlPlaneLog = controlPlaneLog;
        this.pidFile = pidFile;
        this.signal = signal;
        this.console = console;
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
        try {
            Files.deleteIfExists(controlPlaneLog);
            dataDir = Files.createTempDirectory("devcaster-sandbox-etcd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new CertManager(certs.toString()).createCertificatesIfNeeded();
        int etcdPort = Ports.freeLoopbackPort();
        ControlPlaneProcess etcd = launch("etcd",
            ControlPlaneCommands.etcd(binaries.resolve("etcd"), dataDir, etcdPort, Ports.freeLoopbackPort()));
        awaitReady(etcd, () -> etcdHealthy(etcdPort));
        int port = Ports.freeLoopbackPort();
        ControlPlaneProcess apiServer = launch("kube-apiserver",
            ControlPlaneCommands.kubeApiServer(binaries.resolve("kube-apiserver"), certs, dataDir, port, etcdPort));
        String yaml = LocalKubeconfig.yaml(port, certs, namespace);
        try (KubernetesClient probe = new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(Config.fromKubeconfig(yaml)).withRequestRetryBackoffLimit(0).build()).build()) {
            awaitReady(apiServer, () -> defaultNamespaceExists(probe));
        }
        LocalKubeconfig.write(kubeconfigFile, yaml);
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
        console.step("cluster ready after " + Console.since(t0) + ": kube-apiserver "
            + client.getKubernetesVersion().getGitVersion() + " + etcd at " + client.getConfiguration().getMasterUrl());
        ProcessWatchdog.watch(processes, signal, console, controlPlaneLog);
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String kubectlFlags() {
        return " --kubeconfig " + kubeconfigFile;
    }

    /** kube-apiserver first, then etcd. @throws SandboxException naming what still runs after kill -9 */
    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        List<String> exitedBefore = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            ControlPlaneProcess process = processes.get(i);
            if (!process.stop(STOP_GRACE)) {
                exitedBefore.add(process.name() + " (pid " + process.handle().pid() + ", exit code "
                    + process.exitValue() + ")");
            }
        }
        if (!exitedBefore.isEmpty()) {
            console.step("  " + String.join(", ", exitedBefore) + " had exited before the stop; output in "
                + controlPlaneLog);
        }
        deleteDataDir();
        List<ControlPlaneProcess> left = processes.stream().filter(ControlPlaneProcess::isAlive).toList();
        if (!left.isEmpty()) {
            throw new SandboxException("still running after stop: "
                + left.stream().map(p -> p.name() + " pid " + p.handle().pid()).collect(Collectors.joining(", ")),
                "kill them (kill -9 <pid>); the next start stops them too");
        }
    }

    private ControlPlaneProcess launch(String name, List<String> command) {
        ControlPlaneProcess process = ControlPlaneProcess.start(name, command, controlPlaneLog);
        processes.add(process);
        pidFile.addChildren(List.of(process.handle()));
        return process;
    }

    /** Polls until ready; gives up when the process dies, the sandbox stops or the start takes too long. */
    private void awaitReady(ControlPlaneProcess process, BooleanSupplier ready) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new SandboxException(process.name() + " exited while starting (exit code " + process.exitValue()
                    + ")", "its output is in " + controlPlaneLog + "; if the binaries are broken, delete " + binaries
                    + " and run hack/sandbox.sh again to rebuild them");
            }
            if (System.nanoTime() > deadline) {
                throw new SandboxException(process.name() + " not ready after " + START_TIMEOUT.toSeconds() + "s",
                    "its output is in " + controlPlaneLog + "; on a slow machine start again");
            }
            signal.sleep(200);
        }
    }

    private static boolean etcdHealthy(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean defaultNamespaceExists(KubernetesClient probe) {
        try {
            return probe.namespaces().withName("default").get() != null;
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    private void deleteDataDir() {
        if (dataDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder: the system cleans it eventually
        }
    }
}
