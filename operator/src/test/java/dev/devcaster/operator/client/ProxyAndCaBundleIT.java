package dev.devcaster.operator.client;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DEVCASTER_PROXY and DEVCASTER_CA_BUNDLE at work: the client reaches the emulator through a
 * forward proxy under a name only the proxy can resolve, and an HTTPS server whose self-signed
 * certificate is trusted through the CA bundle alone (through the proxy's CONNECT tunnel, the
 * usual corporate setup).
 */
class ProxyAndCaBundleIT extends EmulatorTestBase {

    static final String HOST = "devcaster.invalid";

    @TempDir
    Path dir;

    @Test
    void reachesTheEmulatorThroughTheProxyOnly() throws Exception {
        try (TinyProxy proxy = new TinyProxy()) {
            // A name that resolves nowhere (RFC 6761): only the proxy knows where it goes.
            URI behindProxy = URI.create("http://" + HOST + ":" + emulator.baseUrl().getPort());
            DevcasterClient proxied = newClient(testConfig().withProxy(proxy.uri()));

            TriggerType type = proxied.triggerTypes().get(new DevcasterCredentials(behindProxy, apiKey),
                "GITHUB_COMMIT_EVENT", null);

            assertThat(type.slug()).isEqualTo("GITHUB_COMMIT_EVENT");
            assertThat(proxy.targets()).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo(HOST + ":"
                + emulator.baseUrl().getPort()));
        }
    }

    @Test
    void httpsServerIsTrustedThroughTheCaBundleOnly() throws Exception {
        Path keystore = selfSignedKeystore();
        Path pem = dir.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "devcaster", "-keystore", keystore.toString(),
            "-storepass", "changeit", "-file", pem.toString());
        byte[] typeJson = triggerTypeJson();
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls(keystore)));
        https.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, typeJson.length);
            exchange.getResponseBody().write(typeJson);
            exchange.close();
        });
        https.start();
        try (TinyProxy proxy = new TinyProxy()) {
            DevcasterCredentials tls = new DevcasterCredentials(
                URI.create("https://" + HOST + ":" + https.getAddress().getPort()), apiKey);

            DevcasterClient trusting = newClient(testConfig().withProxy(proxy.uri()).withCaBundle(pem));
            assertThat(trusting.triggerTypes().get(tls, "GITHUB_COMMIT_EVENT", null).slug())
                .isEqualTo("GITHUB_COMMIT_EVENT");
            assertThat(proxy.targets()).contains(HOST + ":" + https.getAddress().getPort());

            // The same call with the JDK's default trust only: the certificate is refused.
            DevcasterClient defaultTrust = newClient(testConfig().withProxy(proxy.uri()));
            assertThatThrownBy(() -> defaultTrust.triggerTypes().get(tls, "GITHUB_COMMIT_EVENT", null))
                .isInstanceOf(DevcasterException.class)
                .hasStackTraceContaining("PKIX path building failed");
        } finally {
            https.stop(0);
        }
    }

    @Test
    void bundleAddsToTheDefaultCasAndAFolderOfPemFilesWorksToo() throws Exception {
        Path keystore = selfSignedKeystore();
        Path folder = Files.createDirectories(dir.resolve("bundle"));
        keytool("-exportcert", "-rfc", "-alias", "devcaster", "-keystore", keystore.toString(),
            "-storepass", "changeit", "-file", folder.resolve("private-ca.crt").toString());
        Files.writeString(folder.resolve("README.txt"), "not a certificate, not read");

        List<X509Certificate> bundle = TrustBundle.read(folder);
        X509Certificate[] issuers = TrustBundle.trustManager(folder).getAcceptedIssuers();

        assertThat(bundle).singleElement().satisfies(c ->
            assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=" + HOST));
        assertThat(issuers).contains(bundle.get(0));
        // The JDK's default CAs stay trusted: the bundle adds, it never replaces.
        assertThat(issuers.length).isGreaterThan(50);
        assertThatThrownBy(() -> TrustBundle.read(dir.resolve("missing.pem")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither a PEM file");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TrustBundle.read(empty))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no PEM certificate");
    }

    /** The trigger type as the emulator serves it, to be served again over HTTPS. */
    private byte[] triggerTypeJson() throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                emulator.baseUrl().resolve("/api/v3/triggers_types/GITHUB_COMMIT_EVENT"))
            .header("x-api-key", apiKey).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private Path selfSignedKeystore() throws Exception {
        Path keystore = dir.resolve("server-" + System.nanoTime() + ".p12");
        keytool("-genkeypair", "-alias", "devcaster", "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST + ",ip:127.0.0.1", "-validity", "2",
            "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        return keystore;
    }

    private static SSLContext serverTls(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", String.join(" ", args), out).isZero();
    }
}
