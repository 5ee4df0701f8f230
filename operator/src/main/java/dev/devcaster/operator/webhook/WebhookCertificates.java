package dev.devcaster.operator.webhook;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook's TLS material as the Secret keeps it: the CAs the API server is to trust (the
 * current one first, then older ones until they expire, so a replica still serving a certificate of
 * the previous CA is trusted during a CA rotation), the current CA's key, and the serving
 * certificate with its key.
 */
public record WebhookCertificates(List<X509Certificate> trusted, CertificateAuthority ca, ServingCertificate serving) {

    static final String CA_CERT = "ca.crt";
    static final String CA_KEY = "ca.key";
    static final String TLS_CERT = "tls.crt";
    static final String TLS_KEY = "tls.key";

    public Map<String, String> toSecretData() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CA_CERT, Pem.certificates(trusted));
        data.put(CA_KEY, Pem.privateKey(ca.key()));
        data.put(TLS_CERT, Pem.certificates(List.of(serving.certificate())));
        data.put(TLS_KEY, Pem.privateKey(serving.key()));
        return data;
    }

    /** Empty when the Secret is empty (as the chart creates it) or holds something unreadable. */
    public static Optional<WebhookCertificates> fromSecretData(Map<String, String> data) {
        if (!data.keySet().containsAll(List.of(CA_CERT, CA_KEY, TLS_CERT, TLS_KEY))) {
            return Optional.empty();
        }
        try {
            List<X509Certificate> trusted = Pem.parseCertificates(data.get(CA_CERT));
            CertificateAuthority ca = new CertificateAuthority(trusted.get(0), Pem.parsePrivateKey(data.get(CA_KEY)));
            ServingCertificate serving = new ServingCertificate(Pem.parseCertificates(data.get(TLS_CERT)).get(0),
                Pem.parsePrivateKey(data.get(TLS_KEY)));
            return Optional.of(new WebhookCertificates(trusted, ca, serving));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The trusted CAs without those expired at {@code now} (the current one always stays). */
    List<X509Certificate> unexpiredTrust(Instant now) {
        return trusted.stream().filter(c -> c.equals(ca.certificate()) || c.getNotAfter().toInstant().isAfter(now))
            .toList();
    }
}
