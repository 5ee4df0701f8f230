package dev.devcaster.stress.process;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a pod reaches the API server: a ServiceAccount token file, the cluster's CA file and the
 * {@code KUBERNETES_SERVICE_*} address, with no kubeconfig. A process started with these variables
 * authenticates as the operator's pod does (Fabric8's in-cluster path), so its start-up and its
 * connections cost what they cost in a cluster; a kubeconfig with a client certificate adds a
 * YAML parse and key-store work a pod never does.
 *
 * @param host      the API server's address, as {@code KUBERNETES_SERVICE_HOST}
 * @param port      its port, as {@code KUBERNETES_SERVICE_PORT}
 * @param tokenFile the ServiceAccount token (owner-only)
 * @param caFile    the CA the API server's certificate chains to
 */
public record PodIdentity(String host, int port, Path tokenFile, Path caFile) {

    /** Fabric8's settings for the in-cluster path, by their environment-variable names. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KUBERNETES_SERVICE_HOST", host);
        env.put("KUBERNETES_SERVICE_PORT", Integer.toString(port));
        env.put("KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", tokenFile.toAbsolutePath().toString());
        env.put("KUBERNETES_CERTS_CA_FILE", caFile.toAbsolutePath().toString());
        env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        return env;
    }

    /**
     * Creates the ServiceAccount {@code namespace/name}, binds it to {@code clusterRole} and writes a
     * token for it (valid for a day) and the cluster's CA to {@code dir}.
     */
    public static PodIdentity create(KubernetesClient admin, String namespace, String name, String clusterRole,
                                     Path dir) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .serverSideApply();
        admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
            .withNewMetadata().withName(name).endMetadata().build()).serverSideApply();
        admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
            .withNewMetadata().withName(namespace + ":" + name).endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
            .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(namespace).endSubject()
            .build()).serverSideApply();
        String token = admin.serviceAccounts().inNamespace(namespace).withName(name)
            .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(86_400L).endSpec().build())
            .getStatus().getToken();
        Path tokenFile = dir.resolve(name + ".token");
        Path caFile = dir.resolve("cluster-ca.crt");
        LocalControlPlane.writePrivate(tokenFile, token);
        LocalControlPlane.writePrivate(caFile, caPem(admin));
        URI master = URI.create(admin.getConfiguration().getMasterUrl());
        return new PodIdentity(master.getHost(), master.getPort(), tokenFile, caFile);
    }

    private static String caPem(KubernetesClient admin) {
        var config = admin.getConfiguration();
        if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
            return new String(Base64.getDecoder().decode(config.getCaCertData().trim()));
        }
        try {
            return Files.readString(Path.of(config.getCaCertFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster CA " + config.getCaCertFile(), e);
        }
    }
}
