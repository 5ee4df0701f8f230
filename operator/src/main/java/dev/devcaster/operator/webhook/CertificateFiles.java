package dev.devcaster.operator.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A serving certificate issued by someone else (cert-manager: its Secret mounted as a folder with
 * {@code tls.crt} and {@code tls.key}), served again whenever the files change. The issuer renews
 * it and keeps the caBundle current (cert-manager's CA injector); the operator writes nothing.
 */
public final class CertificateFiles implements ServingCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateFiles.class);
    /** The kubelet refreshes a mounted Secret within about a minute; looking every 10 s adds little. */
    private static final Duration PERIOD = Duration.ofSeconds(10);

    private final Path certificate;
    private final Path key;
    private final SwappableKeyManager keys;
    private byte[] loaded;
    private String lastProblem;

    public CertificateFiles(Path folder, SwappableKeyManager keys) {
        this.certificate = folder.resolve(WebhookCertificates.TLS_CERT);
        this.key = folder.resolve(WebhookCertificates.TLS_KEY);
        this.keys = keys;
    }

    @Override
    public synchronized void refresh() {
        try {
            byte[] certText = Files.readAllBytes(certificate);
            byte[] keyText = Files.readAllBytes(key);
            byte[] both = concat(certText, keyText);
            if (Arrays.equals(both, loaded)) {
                return;
            }
            ServingCertificate serving = new ServingCertificate(Pem.parseCertificates(new String(certText,
                java.nio.charset.StandardCharsets.US_ASCII)).get(0), Pem.parsePrivateKey(new String(keyText,
                java.nio.charset.StandardCharsets.US_ASCII)));
            keys.use(serving);
            loaded = both;
            lastProblem = null;
            LOG.info("webhook serves certificate {} from {} (valid until {})", serving.serial(), certificate.getParent(),
                serving.notAfter());
        } catch (IOException | IllegalArgumentException e) {
            String problem = "cannot load the webhook's certificate from " + certificate.getParent() + ": " + e.getMessage();
            if (!problem.equals(lastProblem)) {
                LOG.error("{}; retrying every {}s", problem, PERIOD.toSeconds());
                lastProblem = problem;
            }
        }
    }

    @Override
    public Duration refreshPeriod() {
        return PERIOD;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
