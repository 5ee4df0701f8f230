package dev.devcaster.plugin.testing;

import io.fabric8.kubernetes.client.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A kubeconfig file for a test cluster's admin config, as kubectl and the plugin read it. */
public final class Kubeconfigs {

    private Kubeconfigs() {
    }

    public static Path write(Config config, Path file) {
        List<String> cluster = new ArrayList<>();
        cluster.add("    server: " + quote(config.getMasterUrl().replaceAll("/$", "")));
        if (config.getCaCertData() != null) {
            cluster.add("    certificate-authority-data: " + config.getCaCertData());
        } else if (config.getCaCertFile() != null) {
            cluster.add("    certificate-authority: " + quote(config.getCaCertFile()));
        }
        if (config.isTrustCerts()) {
            cluster.add("    insecure-skip-tls-verify: true");
        }
        List<String> user = new ArrayList<>();
        if (config.getClientCertData() != null) {
            user.add("    client-certificate-data: " + config.getClientCertData());
        } else if (config.getClientCertFile() != null) {
            user.add("    client-certificate: " + quote(config.getClientCertFile()));
        }
        if (config.getClientKeyData() != null) {
            user.add("    client-key-data: " + config.getClientKeyData());
        } else if (config.getClientKeyFile() != null) {
            user.add("    client-key: " + quote(config.getClientKeyFile()));
        }
        if (config.getOauthToken() != null) {
            user.add("    token: " + quote(config.getOauthToken()));
        }
        String yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n" + String.join("\n", cluster)
            + "\nusers:\n- name: test\n  user:\n" + (user.isEmpty() ? "    {}" : String.join("\n", user))
            + "\ncontexts:\n- name: test\n  context:\n    cluster: test\n    user: test\ncurrent-context: test\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
