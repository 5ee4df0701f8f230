package dev.devcaster.operator.testing;

import io.fabric8.kubernetes.client.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code kubectl} against the test cluster, as a user types it: what it prints (errors and
 * the API server's warnings go to stderr) and its exit code.
 */
public final class Kubectl {

    /** What one kubectl command did. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }

    private final Path kubeconfig;

    private Kubectl(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** A kubeconfig file (a temporary one) for the cluster the client config points at. */
    public static Kubectl forCluster(Config config) {
        try {
            Path file = Files.createTempFile("kubeconfig-", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, kubeconfig(config));
            return new Kubectl(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public Result run(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(RepoPaths.KUBECTL, "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return exec(command, stdin, Map.of());
    }

    /** Any command (a CI script) with KUBECONFIG pointing at the test cluster. */
    public Result script(Map<String, String> env, String... command) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("KUBECONFIG", kubeconfig.toString());
        all.put("PATH", Path.of(RepoPaths.KUBECTL).getParent() == null ? System.getenv("PATH")
            : Path.of(RepoPaths.KUBECTL).getParent() + ":" + System.getenv("PATH"));
        return exec(List.of(command), null, all);
    }

    private static Result exec(List<String> command, String stdin, Map<String, String> env) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            Process process = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String kubeconfig(Config config) throws IOException {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n")
            .append("    server: ").append(config.getMasterUrl()).append('\n');
        String ca = data(config.getCaCertData(), config.getCaCertFile());
        if (ca != null) {
            yaml.append("    certificate-authority-data: ").append(ca).append('\n');
        } else if (config.isTrustCerts()) {
            yaml.append("    insecure-skip-tls-verify: true\n");
        }
        yaml.append("users:\n- name: test\n  user:\n");
        String cert = data(config.getClientCertData(), config.getClientCertFile());
        String key = data(config.getClientKeyData(), config.getClientKeyFile());
        if (cert != null && key != null) {
            yaml.append("    client-certificate-data: ").append(cert).append('\n')
                .append("    client-key-data: ").append(key).append('\n');
        }
        String token = config.getAutoOAuthToken() != null ? config.getAutoOAuthToken() : config.getOauthToken();
        if (token != null) {
            yaml.append("    token: ").append(token).append('\n');
        }
        if (config.getUsername() != null && config.getPassword() != null) {
            yaml.append("    username: ").append(config.getUsername()).append('\n')
                .append("    password: ").append(config.getPassword()).append('\n');
        }
        return yaml.append("contexts:\n- name: test\n  context: {cluster: test, user: test}\ncurrent-context: test\n")
            .toString();
    }

    /** Base64 of inline data (already base64 in a Config) or of a file's content. */
    private static String data(String inline, String file) throws IOException {
        if (inline != null && !inline.isBlank()) {
            return inline.trim();
        }
        if (file != null && !file.isBlank()) {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(file)));
        }
        return null;
    }
}
