package dev.devcaster.operator.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Extra CA certificates for the Devcaster calls (a TLS-inspecting proxy, a private endpoint):
 * a PEM file with one or more certificates, or a folder of {@code .pem} / {@code .crt} files. They
 * are trusted <em>in addition to</em> the JDK's default CAs, never instead of them.
 */
public final class TrustBundle {

    private TrustBundle() {
    }

    /**
     * The certificates of a PEM file or folder.
     *
     * @throws IllegalArgumentException when the path is missing, unreadable or holds no certificate
     */
    public static List<X509Certificate> read(Path path) {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> listed = Files.list(path)) {
                files = listed.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().matches("(?i).*\\.(pem|crt)"))
                    .sorted().toList();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot list " + path + ": " + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(path)) {
            files = List.of(path);
        } else {
            throw new IllegalArgumentException(path + " is neither a PEM file nor a folder of them");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            certificates.addAll(certificatesIn(file));
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(path + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(certificates);
    }

    /** TLS that trusts the JDK's default CAs and the certificates of {@code path}. */
    static SSLContext sslContext(Path path) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager(path)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build TLS trust from " + path + ": " + e.getMessage(), e);
        }
    }

    /** One trust manager over the JDK's default CAs plus the certificates of {@code path}. */
    static X509TrustManager trustManager(Path path) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate ca : defaultTrustManager().getAcceptedIssuers()) {
                trusted.setCertificateEntry("default-" + n++, ca);
            }
            for (X509Certificate ca : read(path)) {
                trusted.setCertificateEntry("bundle-" + n++, ca);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509 trust manager for " + path);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build TLS trust from " + path + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK has no default X509 trust manager");
    }

    private static List<X509Certificate> certificatesIn(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> result = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                result.add((X509Certificate) c);
            }
            return result;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " is not a PEM certificate file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
