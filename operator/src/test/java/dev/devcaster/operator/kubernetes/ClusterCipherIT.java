package dev.devcaster.operator.kubernetes;

import dev.devcaster.operator.cluster.KubernetesClusterExtension;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reordered offer reaches a real API server through Fabric8's client and is taken: Go's TLS
 * stack honours a client that prefers ChaCha20-Poly1305. The JDK's own TLS handshake events tell
 * which suite each connection got.
 */
@ExtendWith(KubernetesClusterExtension.class)
class ClusterCipherIT {

    @Test
    void withoutC2TheApiServerConnectionUsesChaCha(KubernetesClient admin, @TempDir Path dir) throws Exception {
        // Any: the recording is JVM-wide, and another client of this JVM may connect meanwhile.
        assertThat(handshakeSuites(admin, true, dir.resolve("c1.jfr")))
            .anySatisfy(suite -> assertThat(suite).contains("CHACHA20_POLY1305"));
    }

    @Test
    void withC2ItKeepsTheJdkOrder(KubernetesClient admin, @TempDir Path dir) throws Exception {
        // Go's server itself prefers ChaCha20 on a CPU without AES instructions.
        assumeTrue(Files.readString(Path.of("/proc/cpuinfo")).contains(" aes"), "this CPU has AES instructions");
        assertThat(handshakeSuites(admin, false, dir.resolve("c2.jfr"))).isNotEmpty()
            .noneSatisfy(suite -> assertThat(suite).contains("CHACHA20_POLY1305"));
    }

    private static List<String> handshakeSuites(KubernetesClient admin, boolean preferChaCha, Path file)
        throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable("jdk.TLSHandshake");
            recording.start();
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(admin.getConfiguration())
                .withHttpClientFactory(new ClusterHttpClientFactory(new String[] {"TLSv1.3", "TLSv1.2"}, preferChaCha))
                .build()) {
                client.namespaces().list();
            }
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
            .filter(e -> e.getEventType().getName().equals("jdk.TLSHandshake"))
            .map(e -> e.getString("cipherSuite")).toList();
    }
}
