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

    /** Almost every platform engineer has both exported: the sandbox stays local all the same. */
    @Test
    void kubeconfigAndApiKeyInTheEnvironmentDoNotPickRealTargets(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), "apiVersion: v1\n");
        SandboxOptions o = SandboxOptions.parse(new String[0], Map.of("KUBECONFIG", kubeconfig.toString(),
            "DEVCASTER_API_KEY", "dk_real", "DEVCASTER_BASE_URL", "https://devcaster.example"));

        assertThat(o.localCluster()).isTrue();
        assertThat(o.kubeconfig()).isEmpty();
        assertThat(o.useEmulator()).isTrue();
        assertThat(o.apiKey()).isEmpty();
        assertThat(o.manifestsOrDefault(Path.of("/repo")))
            .containsExactly(Path.of("/repo/examples/triggers"), Path.of("/repo/examples/invalid"));
    }

    @Test
    void onlyFlagsPickRealTargets(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), "apiVersion: v1\n");
        SandboxOptions o = SandboxOptions.parse(new String[] {"--kubeconfig", kubeconfig.toString(), "--real-devcaster"},
            Map.of("DEVCASTER_API_KEY", "dk_real"));
        assertThat(o.localCluster()).isFalse();
        assertThat(o.kubeconfig()).contains(kubeconfig);
        assertThat(o.useEmulator()).isFalse();
        assertThat(o.apiKey()).contains("dk_real");
        assertThat(o.baseUrl()).hasToString("https://backend.devcaster.dev");
        assertThat(o.manifestsOrDefault(Path.of("/repo"))).containsExactly(Path.of("/repo/examples/invalid"));

        SandboxOptions current = SandboxOptions.parse(new String[] {"--use-current-context", "--real-devcaster",
            "--base-url", "http://127.0.0.1:9999"}, Map.of("DEVCASTER_API_KEY", "dk_real"));
        assertThat(current.localCluster()).isFalse();
        assertThat(current.currentContext()).isTrue();
        assertThat(current.kubeconfig()).isEmpty();
        assertThat(current.baseUrl()).hasToString("http://127.0.0.1:9999");
    }

    @Test
    void theRealServiceNeedsItsKeyInTheEnvironment() {
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--real-devcaster"}, Map.of()))
            .isInstanceOfSatisfying(SandboxException.class, e -> {
                assertThat(e).hasMessageContaining("DEVCASTER_API_KEY");
                assertThat(e.todo()).contains("export DEVCASTER_API_KEY=");
            });
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--api-key", "dk_x"}, Map.of()))
            .hasMessageContaining("unknown option --api-key");
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--base-url", "http://x"}, Map.of()))
            .hasMessageContaining("--real-devcaster");
    }

    @Test
    void badValuesSayWhatToDo() {
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--emulator-port", "0"}, Map.of()))
            .isInstanceOf(SandboxException.class).hasMessageContaining("--emulator-port '0' is not a port");
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--bogus"}, Map.of()))
            .hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--kubeconfig", "/nope"}, Map.of()))
            .isInstanceOf(SandboxException.class)
            .satisfies(e -> assertThat(((SandboxException) e).todo()).contains("leave out --kubeconfig"));
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--kubeconfig", "/nope", "--use-current-context"},
            Map.of())).hasMessageContaining("pass one of them");
        assertThat(SandboxOptions.parse(new String[] {"--http-port=0", "--timeout", "90s"}, Map.of()).httpPort()).isZero();
    }

    @Test
    void helpNamesTheFlagsThatPickRealTargets() {
        assertThat(SandboxOptions.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
        assertThat(SandboxOptions.usage()).contains("--kubeconfig PATH", "--use-current-context", "--real-devcaster")
            .contains("KUBECONFIG and DEVCASTER_API_KEY alone never pick one");
    }
}
