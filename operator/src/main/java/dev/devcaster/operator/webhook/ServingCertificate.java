package dev.devcaster.operator.webhook;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** The certificate and key the webhook's HTTPS server presents. */
public record ServingCertificate(X509Certificate certificate, PrivateKey key) {

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** How long it stays valid from {@code now}; negative once expired. */
    public Duration remaining(Instant now) {
        return Duration.between(now, notAfter());
    }

    /** Whether the certificate was signed by this CA's key. */
    public boolean issuedBy(X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** Serial number in hex, for logs (never the key). */
    public String serial() {
        return certificate.getSerialNumber().toString(16);
    }
}
