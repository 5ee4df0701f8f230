package dev.devcaster.operator.webhook;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTPS endpoint on loopback: serves what the handler answers, with whatever certificate is current. */
class WebhookServerTest {

    @Test
    void servesTheHandlerOverTlsAndANewCertificateFromTheNextConnectionOn() throws Exception {
        CertificateRenewal renewal = new CertificateRenewal("unit CA", List.of("localhost", "127.0.0.1"), Duration.ofHours(1));
        WebhookCertificates material = renewal.fresh(Instant.now());
        SwappableKeyManager keys = new SwappableKeyManager();
        AtomicReference<ServingCertificate> next = new AtomicReference<>(material.serving());
        ServingCertificates source = new ServingCertificates() {
            @Override
            public void refresh() {
                if (keys.current() != next.get()) {
                    keys.use(next.get());
                }
            }

            @Override
            public Duration refreshPeriod() {
                return Duration.ofMillis(50);
            }
        };
        try (WebhookServer server = new WebhookServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), keys,
            source, body -> ("echo:" + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), 2)) {
            server.start();
            URI uri = URI.create("https://127.0.0.1:" + server.port() + WebhookServer.PATH);

            HttpResponse<String> answer = client(material.ca().certificate()).send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("hi")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("echo:hi");
            assertThat(client(material.ca().certificate()).send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
            // A client trusting another CA does not get through.
            WebhookCertificates other = renewal.fresh(Instant.now());
            assertThatThrownBy(() -> client(other.ca().certificate()).send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()))
                .hasRootCauseInstanceOf(java.security.cert.CertPathValidatorException.class);

            // Rotated to a certificate of that other CA: new connections get it.
            next.set(other.serving());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> keys.current() == other.serving());
            assertThat(client(other.ca().certificate()).send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("again")).build(), HttpResponse.BodyHandlers.ofString())
                .body()).isEqualTo("echo:again");
        }
    }

    private static HttpClient client(X509Certificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    }

}
