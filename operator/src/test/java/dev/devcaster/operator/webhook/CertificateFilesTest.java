package dev.devcaster.operator.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** cert-manager's mounted Secret: served as found, served again when the files change, never half-read. */
class CertificateFilesTest {

    @Test
    void servesTheMountedCertificateAndTheNextOneWhenTheFilesChange(@TempDir Path folder) throws Exception {
        CertificateRenewal issuer = new CertificateRenewal("cert-manager CA", List.of("svc.ns.svc"), Duration.ofDays(90));
        SwappableKeyManager keys = new SwappableKeyManager();
        CertificateFiles files = new CertificateFiles(folder, keys);

        files.refresh();
        assertThat(keys.current()).as("nothing mounted yet: nothing served, retried later").isNull();

        WebhookCertificates first = issuer.fresh(Instant.now());
        write(folder, first);
        files.refresh();
        assertThat(keys.current().certificate()).isEqualTo(first.serving().certificate());
        ServingCertificate served = keys.current();
        files.refresh();
        assertThat(keys.current()).as("unchanged files: no swap").isSameAs(served);

        WebhookCertificates renewed = issuer.fresh(Instant.now());
        write(folder, renewed);
        files.refresh();
        assertThat(keys.current().certificate()).isEqualTo(renewed.serving().certificate());
        assertThat(keys.getPrivateKey(keys.chooseServerAlias("EC", null, null)).getEncoded())
            .isEqualTo(renewed.serving().key().getEncoded());

        // A half-written pair (key file garbled) keeps the last good certificate.
        Files.writeString(folder.resolve("tls.key"), "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n");
        files.refresh();
        assertThat(keys.current().certificate()).isEqualTo(renewed.serving().certificate());
    }

    private static void write(Path folder, WebhookCertificates material) throws Exception {
        Files.writeString(folder.resolve("tls.crt"), material.toSecretData().get("tls.crt"));
        Files.writeString(folder.resolve("tls.key"), material.toSecretData().get("tls.key"));
    }
}
