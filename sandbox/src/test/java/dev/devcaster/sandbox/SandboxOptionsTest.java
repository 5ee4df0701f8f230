package dev.devcaster.sandbox;

import dev.devcaster.sandbox.output.SandboxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxOptionsTest {

    @Test
    void defaultsAreAllLocal() {
        SandboxOptions o = SandboxOptions.parse(new String[0], Map.of());
        assertThat(o.localCluster()).isTrue();
        assertThat(o.useEmulator()).isTrue();
        assertThat(o.emulatorPort()).isEqualTo(8089);
        assertThat(o.httpPort()).isEqualTo(8090);
        assertThat(o.namespace()).isEqualTo("devcaster-sandbox");
        assertThat(o.manifestsOrDefault(Path.of("/repo")))
            .containsExactly(Path.of("/repo/examples/triggers"), Path.of("/repo/examples/invalid"));
    }

    @Test
    void kubeconfigAndApiKeyFromTheEnvironmentPickRealTargets(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), "apiVersion: v1\n");
        SandboxOptions o = SandboxOptions.parse(new String[0],
            Map.of("KUBECONFIG", kubeconfig.toString(), "DEVCASTER_API_KEY", "dk_real"));
        assertThat(o.kubeconfig()).contains(kubeconfig);
        assertThat(o.apiKey()).contains("dk_real");
        assertThat(o.baseUrl()).hasToString("https://backend.devcaster.dev");
        assertThat(o.manifestsOrDefault(Path.of("/repo"))).containsExactly(Path.of("/repo/examples/invalid"));

        SandboxOptions local = SandboxOptions.parse(new String[] {"--local-cluster", "--emulator"},
            Map.of("KUBECONFIG", kubeconfig.toString(), "DEVCASTER_API_KEY", "dk_real"));
        assertThat(local.localCluster()).isTrue();
        assertThat(local.useEmulator()).isTrue();
    }

    @Test
    void aKubeconfigExportedFromAnEarlierSandboxIsNotARealCluster(@TempDir Path dir) {
        SandboxOptions o = SandboxOptions.parse(new String[] {"--state-dir", dir.toString()},
            Map.of("KUBECONFIG", dir.resolve("kubeconfig").toString()));
        assertThat(o.localCluster()).isTrue();
    }

    @Test
    void badValuesSayWhatToDo() {
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--emulator-port", "0"}, Map.of()))
            .isInstanceOf(SandboxException.class).hasMessageContaining("--emulator-port '0' is not a port");
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--bogus"}, Map.of()))
            .hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--kubeconfig", "/nope"}, Map.of()))
            .isInstanceOf(SandboxException.class)
            .satisfies(e -> assertThat(((SandboxException) e).todo()).contains("--local-cluster"));
        assertThat(SandboxOptions.parse(new String[] {"--http-port=0", "--timeout", "90s"}, Map.of()).httpPort()).isZero();
    }
}
