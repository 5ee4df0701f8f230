package dev.devcaster.stress.process;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With kube-controller-manager's namespace controller, a deleted namespace and what it holds really go. */
class NamespaceControllerIT {

    @Test
    void deletedNamespaceGoesWithItsObjects(@TempDir Path dir) throws Exception {
        ControlPlaneBinaries binaries = ControlPlaneBinaries.fromSystem().ensure(OperatorProcess.repoRoot());
        try (LocalControlPlane cluster = LocalControlPlane.start(binaries, dir)) {
            NamespaceController controller = cluster.startNamespaceController(binaries, dir.resolve("kcm.log"));
            assertThat(controller.alive()).isTrue();
            KubernetesClient client = cluster.client();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("doomed").endMetadata().build())
                .create();
            client.configMaps().inNamespace("doomed").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("data").endMetadata().withData(Map.of("k", "v")).build()).create();

            Instant start = Instant.now();
            client.namespaces().withName("doomed").delete();
            Instant deadline = start.plus(Duration.ofSeconds(60));
            while (client.namespaces().withName("doomed").get() != null && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(client.namespaces().withName("doomed").get())
                .as("namespace gone within 60 s; kube-controller-manager log %s", controller.logFile()).isNull();
            System.out.println("[namespace-controller] namespace with a ConfigMap deleted in "
                + Duration.between(start, Instant.now()).toMillis() + " ms");
        }
    }
}
