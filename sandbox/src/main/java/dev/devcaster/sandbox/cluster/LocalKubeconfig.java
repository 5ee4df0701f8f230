package dev.devcaster.sandbox.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The local cluster's kubeconfig: context devcaster-sandbox, the sandbox namespace, client certificate files. */
final class LocalKubeconfig {

    static final String NAME = "devcaster-sandbox";

    private LocalKubeconfig() {
    }

    /** @param certs holds apiserver.crt (the CA to trust), client.crt and client.key */
    static String yaml(int port, Path certs, String namespace) {
        return """
            apiVersion: v1
            kind: Config
            clusters:
              - name: %1$s
                cluster:
                  certificate-authority: %2$s
                  server: https://127.0.0.1:%3$d
            users:
              - name: %1$s
                user:
                  client-certificate: %4$s
                  client-key: %5$s
            contexts:
              - name: %1$s
                context:
                  cluster: %1$s
                  user: %1$s
                  namespace: %6$s
            current-context: %1$s
            """.formatted(NAME, quoted(certs.resolve("apiserver.crt")), port, quoted(certs.resolve("client.crt")),
            quoted(certs.resolve("client.key")), namespace);
    }

    /** Writes it (paths to a client key inside: owner-only) by atomic rename. */
    static void write(Path file, String yaml) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "kubeconfig", ".tmp");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(tmp, yaml);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
