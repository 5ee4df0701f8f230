package dev.devcaster.operator.webhook;

import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When the operator's own webhook certificates are renewed, and that trust survives every renewal. */
class CertificateRenewalTest {

    static final Duration VALIDITY = Duration.ofHours(90);
    static final List<String> HOSTS = List.of("devcaster-operator-webhook.system.svc", "127.0.0.1");
    final CertificateRenewal renewal = new CertificateRenewal("test CA", HOSTS, VALIDITY);
    final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void freshMaterialIsACaAndAServingCertificateForTheHostsThatSurviveTheSecret() throws Exception {
        WebhookCertificates fresh = renewal.renewed(Optional.empty(), t0).orElseThrow();

        X509Certificate ca = fresh.ca().certificate();
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(t0.plus(VALIDITY.multipliedBy(10)));
        X509Certificate serving = fresh.serving().certificate();
        serving.verify(ca.getPublicKey());
        assertThat(serving.getBasicConstraints()).isEqualTo(-1);
        assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(CertificateRenewal.sameHosts(serving, HOSTS)).isTrue();
        assertThat(serving.getNotBefore().toInstant()).isBefore(t0);
        assertThat(fresh.serving().notAfter()).isEqualTo(t0.plus(VALIDITY));
        // What the Secret keeps reads back to the same material, and the keys still sign.
        WebhookCertificates read = WebhookCertificates.fromSecretData(fresh.toSecretData()).orElseThrow();
        assertThat(read.trusted()).isEqualTo(fresh.trusted());
        assertThat(read.serving().certificate()).isEqualTo(serving);
        assertThat(read.ca().key().getEncoded()).isEqualTo(fresh.ca().key().getEncoded());
        assertThat(renewal.renewed(Optional.of(read), t0)).as("nothing to do").isEmpty();
        assertThat(fresh.toSecretData().toString()).contains("BEGIN PRIVATE KEY");
    }

    @Test
    void theServingCertificateIsRenewedWhenAThirdIsLeftUnderTheSameCa() {
        WebhookCertificates fresh = renewal.fresh(t0);

        assertThat(renewal.renewed(Optional.of(fresh), t0.plus(Duration.ofHours(59)))).isEmpty();
        WebhookCertificates renewed = renewal.renewed(Optional.of(fresh), t0.plus(Duration.ofHours(61))).orElseThrow();

        assertThat(renewed.serving().certificate()).isNotEqualTo(fresh.serving().certificate());
        assertThat(renewed.ca()).isEqualTo(fresh.ca());
        assertThat(renewed.trusted()).containsExactly(fresh.ca().certificate());
        assertThat(renewed.serving().issuedBy(fresh.ca().certificate())).isTrue();
    }

    @Test
    void otherHostsOrACertificateOfAnotherCaGetANewServingCertificate() {
        WebhookCertificates fresh = renewal.fresh(t0);
        CertificateRenewal moved = new CertificateRenewal("test CA", List.of("other.svc"), VALIDITY);

        assertThat(moved.renewed(Optional.of(fresh), t0)).hasValueSatisfying(r ->
            assertThat(CertificateRenewal.sameHosts(r.serving().certificate(), List.of("other.svc"))).isTrue());
        WebhookCertificates foreign = new WebhookCertificates(fresh.trusted(), fresh.ca(), renewal.fresh(t0).serving());
        assertThat(renewal.renewed(Optional.of(foreign), t0)).hasValueSatisfying(r ->
            assertThat(r.serving().issuedBy(fresh.ca().certificate())).isTrue());
    }

    @Test
    void aNewCaComesWithTwoServingLifetimesLeftAndTheOldOneStaysTrustedUntilItExpires() {
        WebhookCertificates fresh = renewal.fresh(t0);
        Instant late = t0.plus(VALIDITY.multipliedBy(8)).plus(Duration.ofMinutes(1));

        WebhookCertificates rotated = renewal.renewed(Optional.of(fresh), late).orElseThrow();

        assertThat(rotated.ca().certificate()).isNotEqualTo(fresh.ca().certificate());
        assertThat(rotated.trusted()).containsExactly(rotated.ca().certificate(), fresh.ca().certificate());
        assertThat(rotated.serving().issuedBy(rotated.ca().certificate())).isTrue();
        // Once the old CA expired it leaves the bundle (and the Secret) at the next look.
        Instant afterOldExpiry = t0.plus(VALIDITY.multipliedBy(10)).plus(Duration.ofMinutes(1));
        WebhookCertificates pruned = renewal.renewed(Optional.of(rotated), afterOldExpiry).orElseThrow();
        assertThat(pruned.trusted()).containsExactly(rotated.ca().certificate());
    }

    @Test
    void theCaBundleGainsCasAndLosesOnlyExpiredOnes() {
        WebhookCertificates first = renewal.fresh(t0);
        WebhookCertificates second = renewal.fresh(t0);
        String firstBundle = Pem.certificates(first.trusted());

        assertThat(SelfManagedCertificates.merged(firstBundle, first, t0)).as("unchanged: no write").isSameAs(firstBundle);
        String both = SelfManagedCertificates.merged(firstBundle, second, t0);
        assertThat(Pem.parseCertificates(both)).containsExactly(second.ca().certificate(), first.ca().certificate());
        String afterExpiry = SelfManagedCertificates.merged(both, second, t0.plus(VALIDITY.multipliedBy(11)));
        assertThat(Pem.parseCertificates(afterExpiry)).containsExactly(second.ca().certificate());
        assertThat(Pem.parseCertificates(SelfManagedCertificates.merged("", first, t0))).containsExactly(first.ca().certificate());
    }

    @Test
    void checksOftenEnoughForEveryReplicaToPickARenewalUp() {
        assertThat(renewal.checkPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(new CertificateRenewal("x", HOSTS, Duration.ofSeconds(20)).checkPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new CertificateRenewal("x", HOSTS, Duration.ofSeconds(2)).checkPeriod()).isEqualTo(Duration.ofMillis(500));
    }
}
