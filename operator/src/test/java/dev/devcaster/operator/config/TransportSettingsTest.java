package dev.devcaster.operator.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DEVCASTER_PROXY and DEVCASTER_CA_BUNDLE: what the operator accepts at start, and what stops it with exit code 2. */
class TransportSettingsTest {

    @TempDir
    Path dir;

    @Test
    void proxyIsAnHttpUrlWithHostAndPortAndNothingElse() {
        assertThat(OperatorConfig.from(Map.of()).get(Settings.PROXY)).isEmpty();
        assertThat(OperatorConfig.from(Map.of("DEVCASTER_PROXY", "http://proxy.corp:3128/")).get(Settings.PROXY))
            .hasValue(URI.create("http://proxy.corp:3128"));

        for (String bad : new String[] {"https://proxy:3128", "http://proxy", "proxy:3128", "http://proxy:3128/path",
            "socks5://proxy:1080"}) {
            assertThatThrownBy(() -> OperatorConfig.from(Map.of("DEVCASTER_PROXY", bad))).as(bad)
                .isInstanceOf(ConfigException.class).hasMessageContaining("DEVCASTER_PROXY: '" + bad + "' is not an HTTP proxy URL");
        }
        // Credentials are refused, and never echoed.
        assertThatThrownBy(() -> OperatorConfig.from(Map.of("DEVCASTER_PROXY", "http://user:s3cret@proxy:3128")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("proxy credentials are not supported")
            .hasMessageNotContaining("s3cret");
    }

    @Test
    void caBundleMustHoldACertificate() throws Exception {
        Path pem = dir.resolve("ca.pem");
        X509Certificate anyDefaultCa = defaultCas()[0];
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(anyDefaultCa.getEncoded())
            + "\n-----END CERTIFICATE-----\n");

        assertThat(OperatorConfig.from(Map.of()).get(Settings.CA_BUNDLE)).isEmpty();
        assertThat(OperatorConfig.from(Map.of("DEVCASTER_CA_BUNDLE", pem.toString())).get(Settings.CA_BUNDLE)).hasValue(pem);
        assertThat(OperatorConfig.from(Map.of("DEVCASTER_CA_BUNDLE", dir.toString())).get(Settings.CA_BUNDLE)).hasValue(dir);

        assertThatThrownBy(() -> OperatorConfig.from(Map.of("DEVCASTER_CA_BUNDLE", dir.resolve("nope.pem").toString())))
            .isInstanceOf(ConfigException.class).hasMessageContaining("DEVCASTER_CA_BUNDLE: ").hasMessageContaining("neither a PEM file");
        Path notPem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> OperatorConfig.from(Map.of("DEVCASTER_CA_BUNDLE", notPem.toString())))
            .isInstanceOf(ConfigException.class).hasMessageContaining("DEVCASTER_CA_BUNDLE: ");
    }

    private static X509Certificate[] defaultCas() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return ((X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers();
    }
}
