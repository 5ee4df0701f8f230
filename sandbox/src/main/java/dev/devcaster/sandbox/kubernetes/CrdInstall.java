package dev.devcaster.sandbox.kubernetes;

import dev.devcaster.sandbox.lifecycle.Component;
import dev.devcaster.sandbox.output.Console;
import dev.devcaster.sandbox.output.SandboxException;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Installs the Trigger CRD from {@code crds/} (or the operator jar) and waits until it is Established. */
public final class CrdInstall implements Component {

    public static final String CRD_NAME = "triggers.devcaster.dev";

    private final Supplier<KubernetesClient> client;
    private final Path repoRoot;
    private final Console console;

    public CrdInstall(Supplier<KubernetesClient> client, Path repoRoot, Console console) {
        this.client = client;
        this.repoRoot = repoRoot;
        this.console = console;
    }

    @Override
    public void start() {
        var crds = client.get().apiextensions().v1().customResourceDefinitions();
        Path file = repoRoot.resolve("crds").resolve(CRD_NAME + ".yaml");
        CustomResourceDefinition crd;
        try (InputStream in = Files.exists(file) ? Files.newInputStream(file)
            : CrdInstall.class.getResourceAsStream("/META-INF/fabric8/" + CRD_NAME + "-v1.yml")) {
            crd = crds.load(in).item();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            crds.resource(crd).fieldManager(Manifests.FIELD_MANAGER).forceConflicts().serverSideApply();
            crds.withName(CRD_NAME).waitUntilCondition(c -> c != null && c.getStatus() != null
                && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                    .anyMatch(s -> "Established".equals(s.getType()) && "True".equals(s.getStatus())), 60, TimeUnit.SECONDS);
        } catch (KubernetesClientException e) {
            throw new SandboxException("cannot install the CRD " + CRD_NAME + ": " + SandboxException.rootMessage(e),
                "installing a CRD needs cluster-admin rights on a real cluster; install crds/ with an admin"
                    + " account first, or leave out --kubeconfig / --use-current-context for a local cluster", e);
        }
        console.step("CRD " + CRD_NAME + " installed ("
            + (Files.exists(file) ? repoRoot.relativize(file.toAbsolutePath().normalize()) : "operator jar") + ")");
    }

    @Override
    public void stop() {
        // the CRD stays: Triggers left on a real cluster keep their schema
    }
}
