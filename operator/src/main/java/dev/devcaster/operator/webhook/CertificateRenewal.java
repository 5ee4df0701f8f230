package dev.devcaster.operator.webhook;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When the self-managed certificates are renewed, and into what. A serving certificate lives
 * {@code validity} and is renewed when a third of it is left, so every replica has that third to
 * pick the new one up; a CA lives ten times as long and is replaced when less than two serving
 * lifetimes are left, its predecessor staying trusted until it expires.
 */
public final class CertificateRenewal {

    static final int CA_LIFETIMES = 10;
    static final int CA_RENEWAL_LIFETIMES = 2;

    private final String caName;
    private final List<String> hosts;
    private final Duration validity;

    public CertificateRenewal(String caName, List<String> hosts, Duration validity) {
        this.caName = caName;
        this.hosts = List.copyOf(hosts);
        this.validity = validity;
    }

    /** How often a replica looks at the Secret: well within the third of a lifetime left at renewal. */
    public Duration checkPeriod() {
        Duration twentieth = validity.dividedBy(20);
        return twentieth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1)
            : twentieth.compareTo(Duration.ofMillis(500)) < 0 ? Duration.ofMillis(500) : twentieth;
    }

    /** Fresh material: a new CA and a serving certificate from it. */
    public WebhookCertificates fresh(Instant now) {
        CertificateAuthority ca = CertificateAuthority.create(caName, now, validity.multipliedBy(CA_LIFETIMES));
        return new WebhookCertificates(List.of(ca.certificate()), ca, ca.issue(hosts, now, validity));
    }

    /** What should replace {@code current} at {@code now}; empty when it is still good. */
    public Optional<WebhookCertificates> renewed(Optional<WebhookCertificates> current, Instant now) {
        if (current.isEmpty()) {
            return Optional.of(fresh(now));
        }
        WebhookCertificates material = current.get();
        Duration caLeft = Duration.between(now, material.ca().certificate().getNotAfter().toInstant());
        if (caLeft.compareTo(validity.multipliedBy(CA_RENEWAL_LIFETIMES)) < 0) {
            WebhookCertificates next = fresh(now);
            List<X509Certificate> trusted = new ArrayList<>(next.trusted());
            material.trusted().stream().filter(c -> c.getNotAfter().toInstant().isAfter(now)).forEach(trusted::add);
            return Optional.of(new WebhookCertificates(trusted, next.ca(), next.serving()));
        }
        ServingCertificate serving = material.serving();
        boolean renew = serving.remaining(now).compareTo(validity.dividedBy(3)) < 0
            || !serving.issuedBy(material.ca().certificate())
            || !sameHosts(serving.certificate(), hosts);
        List<X509Certificate> trusted = material.unexpiredTrust(now);
        if (!renew && trusted.size() == material.trusted().size()) {
            return Optional.empty();
        }
        return Optional.of(new WebhookCertificates(trusted, material.ca(),
            renew ? material.ca().issue(hosts, now, validity) : serving));
    }

    static boolean sameHosts(X509Certificate certificate, Collection<String> hosts) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            Set<String> present = new HashSet<>();
            if (names != null) {
                names.forEach(n -> present.add(String.valueOf(n.get(1)).toLowerCase(java.util.Locale.ROOT)));
            }
            return present.equals(new HashSet<>(hosts));
        } catch (CertificateParsingException e) {
            return false;
        }
    }
}
