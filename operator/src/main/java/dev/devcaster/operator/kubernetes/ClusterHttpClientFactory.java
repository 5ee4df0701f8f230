package dev.devcaster.operator.kubernetes;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.TlsVersion;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The HTTP client to the API server, with the TLS cipher order suited to the JIT the JVM runs.
 * The chart runs C1 only (less memory), and C1 has none of the CPU intrinsics that make the JDK's
 * AES-GCM fast: it decrypts about 33 MB/s there, ChaCha20-Poly1305 about 130 MB/s (C2: 1.2 GB/s
 * and 0.2 GB/s). The informer's list at a start is tens of megabytes with 10,000 Triggers, and
 * every watch event is decrypted too, so without C2 the client offers ChaCha20-Poly1305 first.
 * kube-apiserver (Go's TLS) takes it; a server without it picks another suite of the same offer.
 * Nothing else changes: the same suites and protocols are offered, only in another order.
 */
public final class ClusterHttpClientFactory extends JdkHttpClientFactory {

    private final String[] protocols;
    /** The reordered offer, worked out once for every client Fabric8 builds; null keeps the JDK's. */
    private final String[] suites;

    ClusterHttpClientFactory(String[] protocols, boolean preferChaCha) {
        this.protocols = protocols;
        this.suites = preferChaCha ? chaChaFirst(defaultSuites()) : null;
    }

    /** For a client built from {@code config}; ChaCha20 first when this JVM compiles with C1 only. */
    public static ClusterHttpClientFactory forConfig(Config config) {
        TlsVersion[] versions = config.getTlsVersions();
        String[] protocols = versions == null || versions.length == 0 ? null
            : Arrays.stream(versions).map(TlsVersion::javaName).toArray(String[]::new);
        return new ClusterHttpClientFactory(protocols, !c2Compiles(tieredStopAtLevel()));
    }

    @Override
    protected void additionalConfig(HttpClient.Builder builder) {
        if (suites != null) {
            builder.sslParameters(new SSLParameters(suites, protocols)); // it copies the arrays
        }
    }

    /** The suites in their order, ChaCha20-Poly1305 ones moved to the front. */
    static String[] chaChaFirst(String[] suites) {
        List<String> ordered = Arrays.asList(suites.clone());
        ordered.sort(Comparator.comparing(suite -> !suite.contains("_CHACHA20_POLY1305_")));
        return ordered.toArray(String[]::new);
    }

    private static String[] defaultSuites() {
        try {
            return SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** Whether a JVM with this {@code -XX:TieredStopAtLevel} compiles hot code with C2 (level 4). */
    static boolean c2Compiles(String tieredStopAtLevel) {
        try {
            return tieredStopAtLevel == null || Integer.parseInt(tieredStopAtLevel.trim()) >= 4;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String tieredStopAtLevel() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm == null ? null : vm.getVMOption("TieredStopAtLevel").getValue();
        } catch (IllegalArgumentException e) {
            return null; // not HotSpot: keep the JDK's order
        }
    }
}
