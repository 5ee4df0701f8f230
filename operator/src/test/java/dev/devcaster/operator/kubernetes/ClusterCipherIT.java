package dev.devcaster.operator.kubernetes;

import dev.devcaster.operator.cluster.KubernetesClusterExtension;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reordered offer is taken by a real API server: Go's TLS stack honours a client that prefers
 * ChaCha20-Poly1305, so the informer's lists and watches are decrypted with the cipher C1 runs fast.
 */
@ExtendWith(KubernetesClusterExtension.class)
class ClusterCipherIT {

    @Test
    void theApiServerNegotiatesChaChaWhenTheClientOffersItFirst(KubernetesClient client) throws Exception {
        URI master = URI.create(client.getConfiguration().getMasterUrl());
        SSLContext context = SSLContext.getInstance("TLS");
        // Only the negotiated suite is looked at here; the client's own trust checks are Fabric8's.
        context.init(null, new TrustManager[] {new AcceptAny()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(master.getHost(), master.getPort()), 5000);
            socket.setSoTimeout(5000);
            socket.setSSLParameters(new SSLParameters(ClusterHttpClientFactory.chaChaFirst(
                socket.getSSLParameters().getCipherSuites()), new String[] {"TLSv1.3", "TLSv1.2"}));
            socket.startHandshake();

            assertThat(socket.getSession().getCipherSuite()).contains("CHACHA20_POLY1305");
        }
    }

    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
