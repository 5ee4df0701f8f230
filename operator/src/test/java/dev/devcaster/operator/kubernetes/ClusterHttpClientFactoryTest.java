package dev.devcaster.operator.kubernetes;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterHttpClientFactoryTest {

    @Test
    void chaChaSuitesMoveToTheFrontAndNothingElseChanges() {
        String[] suites = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"};

        assertThat(ClusterHttpClientFactory.chaChaFirst(suites)).containsExactly("TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
        assertThat(suites[0]).as("the caller's array is not reordered").isEqualTo("TLS_AES_256_GCM_SHA384");
    }

    @Test
    void withoutC2TheClientOffersChaChaFirstWithTheConfiguredProtocols() throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder();
        new ClusterHttpClientFactory(new String[] {"TLSv1.3", "TLSv1.2"}, true).additionalConfig(builder);

        HttpClient client = builder.build();

        List<String> offered = List.of(client.sslParameters().getCipherSuites());
        assertThat(offered.get(0)).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
        assertThat(offered).containsExactlyInAnyOrder(
            SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites());
        assertThat(client.sslParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void withC2TheJdkOrderStays() throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder();
        new ClusterHttpClientFactory(null, false).additionalConfig(builder);

        assertThat(builder.build().sslParameters().getCipherSuites())
            .containsExactly(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites());
    }

    @Test
    void onlyALevelBelowC2TurnsTheReorderOn() {
        assertThat(ClusterHttpClientFactory.c2Compiles("1")).isFalse();
        assertThat(ClusterHttpClientFactory.c2Compiles("3")).isFalse();
        assertThat(ClusterHttpClientFactory.c2Compiles("4")).isTrue();
        assertThat(ClusterHttpClientFactory.c2Compiles(null)).isTrue();
        assertThat(ClusterHttpClientFactory.c2Compiles("?")).isTrue();
    }
}
