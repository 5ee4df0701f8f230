package dev.devcaster.operator.webhook;

import dev.devcaster.operator.kubernetes.WebhookObjects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A CA rotation as one replica lives it, against an in-memory Secret and webhook configuration:
 * the API server reads the caBundle through a watch, so a certificate of a new CA is served only a
 * check period after that CA went into the bundle.
 */
class SelfManagedCertificatesTest {

    static final Duration VALIDITY = Duration.ofHours(90);
    final CertificateRenewal renewal = new CertificateRenewal("test CA", List.of("127.0.0.1"), VALIDITY);
    final WebhookObjects objects = mock(WebhookObjects.class);
    final SwappableKeyManager keys = new SwappableKeyManager();
    Map<String, String> secret;
    String bundle = "";
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    SelfManagedCertificates certificates;

    @BeforeEach
    void inMemoryObjects() {
        when(objects.secret(anyString(), anyString())).thenAnswer(i -> Optional.ofNullable(secret)
            .map(data -> new WebhookObjects.StoredSecret(data, "1")));
        when(objects.writeSecret(anyString(), anyString(), any(), any())).thenAnswer(i -> {
            secret = i.getArgument(2);
            return true;
        });
        when(objects.webhookConfiguration(anyString())).thenAnswer(i -> Optional.of(
            new WebhookObjects.WebhookConfiguration(List.of(bundle), "1")));
        when(objects.patchCaBundles(anyString(), anyString(), anyList())).thenAnswer(i -> {
            bundle = i.<List<String>>getArgument(2).get(0);
            return true;
        });
        certificates = new SelfManagedCertificates(objects, "system", "webhook-tls", "devcaster-operator", renewal, keys,
            new Clock() {
                @Override
                public Instant instant() {
                    return now;
                }

                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            });
    }

    @Test
    void aNewCasCertificateIsServedOneCheckPeriodAfterTheCaWentIntoTheBundle() {
        certificates.refresh();
        X509Certificate firstCa = currentCa();
        ServingCertificate first = keys.current();
        assertThat(first.issuedBy(firstCa)).as("at start, at once").isTrue();

        // The CA is replaced when less than two serving lifetimes are left of it; an hour before, the
        // serving certificate was renewed under the old CA, as it is every two thirds of its lifetime.
        Instant caDue = firstCa.getNotAfter().toInstant().minus(VALIDITY.multipliedBy(2));
        now = caDue.minus(Duration.ofHours(1));
        certificates.refresh();
        ServingCertificate beforeRotation = keys.current();
        assertThat(beforeRotation).isNotEqualTo(first);
        assertThat(beforeRotation.issuedBy(firstCa)).isTrue();

        now = caDue.plusSeconds(1);
        certificates.refresh();
        X509Certificate secondCa = currentCa();
        assertThat(secondCa).isNotEqualTo(firstCa);
        assertThat(Pem.parseCertificates(bundle)).as("both trusted").containsExactly(secondCa, firstCa);
        assertThat(keys.current()).as("the old CA's certificate, still valid, for one more check period")
            .isEqualTo(beforeRotation);

        now = now.plus(renewal.checkPeriod()).minusMillis(1);
        certificates.refresh();
        assertThat(keys.current()).isEqualTo(beforeRotation);

        now = now.plusMillis(1);
        certificates.refresh();
        assertThat(keys.current().issuedBy(secondCa)).isTrue();
    }

    @Test
    void aRenewalUnderTheSameCaIsServedAtOnce() {
        certificates.refresh();
        ServingCertificate first = keys.current();

        now = first.notAfter().minus(VALIDITY.dividedBy(3)).plusSeconds(1);
        certificates.refresh();

        assertThat(keys.current()).isNotEqualTo(first);
        assertThat(keys.current().issuedBy(currentCa())).isTrue();
    }

    @Test
    void aCertificateAboutToExpireIsReplacedAtOnceEvenByANewCasOne() {
        certificates.refresh();
        ServingCertificate first = keys.current();
        X509Certificate firstCa = currentCa();

        // A replica that was away: its certificate has less than a check period left when the CA is replaced.
        now = first.notAfter().minus(renewal.checkPeriod()).plusMillis(1);
        secret = renewal.renewed(Optional.empty(), now).orElseThrow().toSecretData();
        certificates.refresh();

        assertThat(currentCa()).isNotEqualTo(firstCa);
        assertThat(keys.current().issuedBy(currentCa())).isTrue();
    }

    private X509Certificate currentCa() {
        return WebhookCertificates.fromSecretData(secret).orElseThrow().ca().certificate();
    }
}
