package dev.devcaster.sandbox.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * The command lines of etcd and kube-apiserver: everything on 127.0.0.1 (etcd serves plain HTTP
 * without authentication, so nothing beyond this machine may reach it), the flags otherwise as
 * Fabric8 kube-api-test starts them for the operator's tests.
 */
final class ControlPlaneCommands {

    private ControlPlaneCommands() {
    }

    static List<String> etcd(Path binary, Path dataDir, int clientPort, int peerPort) {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        return List.of(binary.toString(),
            "--data-dir", dataDir.resolve("data").toString(),
            "--wal-dir", dataDir.resolve("wal").toString(),
            "--listen-client-urls", client,
            "--advertise-client-urls", client,
            "--listen-peer-urls", peer,
            "--initial-advertise-peer-urls", peer,
            "--initial-cluster", "default=" + peer);
    }

    /** @param certs holds kube-api-test's apiserver.crt/.key (serving, signing) and client.crt (client CA) */
    static List<String> kubeApiServer(Path binary, Path certs, Path dataDir, int port, int etcdPort) {
        String apiServerKey = certs.resolve("apiserver.key").toString();
        return List.of(binary.toString(),
            "--bind-address", "127.0.0.1",
            "--secure-port", Integer.toString(port),
            "--tls-cert-file", certs.resolve("apiserver.crt").toString(),
            "--tls-private-key-file", apiServerKey,
            "--cert-dir", dataDir.resolve("certs").toString(),
            "--etcd-servers", "http://127.0.0.1:" + etcdPort,
            "--authorization-mode", "RBAC",
            "--service-account-issuer", "https://localhost",
            "--service-account-signing-key-file", apiServerKey,
            "--service-account-key-file", apiServerKey,
            "--disable-admission-plugins", "ServiceAccount",
            "--client-ca-file", certs.resolve("client.crt").toString(),
            "--service-cluster-ip-range", "10.0.0.0/24",
            "--allow-privileged");
    }
}
