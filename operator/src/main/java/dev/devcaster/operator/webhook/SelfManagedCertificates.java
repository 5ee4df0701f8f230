package dev.devcaster.operator.webhook;

import dev.devcaster.operator.kubernetes.WebhookObjects;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's own CA and serving certificate, without cert-manager. They live in one Secret of
 * the operator's namespace, so every replica serves the same certificate; any replica renews them
 * when due (an optimistic write: whoever writes first wins, the others read what it wrote). Before
 * a replica serves a certificate, the CA that issued it is in the caBundle of the webhook
 * configuration, and a new CA has been there for a check period: the API server reads the bundle
 * through a watch, so it may still hold the old one for a moment after the write, and it never
 * meets a certificate it does not trust. CAs leave the bundle only when they expire, so no
 * replica's certificate ever loses trust during a rotation.
 */
public final class SelfManagedCertificates implements ServingCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(SelfManagedCertificates.class);
    private static final int ATTEMPTS = 3;

    private final WebhookObjects objects;
    private final String namespace;
    private final String secretName;
    private final String configurationName;
    private final CertificateRenewal renewal;
    private final SwappableKeyManager keys;
    private final Clock clock;
    private String lastProblem;
    private boolean configurationMissing;
    /** The newest CA this replica has seen in the material, and when it first saw it. */
    private X509Certificate newestCa;
    private Instant newestCaSeen;

    public SelfManagedCertificates(WebhookObjects objects, String namespace, String secretName,
                                   String configurationName, CertificateRenewal renewal, SwappableKeyManager keys,
                                   Clock clock) {
        this.objects = objects;
        this.namespace = namespace;
        this.secretName = secretName;
        this.configurationName = configurationName;
        this.renewal = renewal;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public synchronized void refresh() {
        try {
            WebhookCertificates material = currentOrRenewed();
            trustInConfiguration(material);
            serve(material);
            lastProblem = null;
        } catch (KubernetesClientException | IllegalStateException e) {
            String problem = "webhook certificates: " + e.getMessage();
            if (!problem.equals(lastProblem)) {
                LOG.error("{}; retrying every {} ms", problem, renewal.checkPeriod().toMillis());
                lastProblem = problem;
            }
            if (keys.current() == null) {
                // Something to serve meanwhile: the API server does not trust it, so its failurePolicy applies.
                keys.use(renewal.fresh(clock.instant()).serving());
            }
        }
    }

    @Override
    public Duration refreshPeriod() {
        return renewal.checkPeriod();
    }

    /** The Secret's material, renewed and written first when due. */
    private WebhookCertificates currentOrRenewed() {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<WebhookObjects.StoredSecret> stored = objects.secret(namespace, secretName);
            Optional<WebhookCertificates> current = stored.flatMap(s -> WebhookCertificates.fromSecretData(s.data()));
            Instant now = clock.instant();
            Optional<WebhookCertificates> renewed = renewal.renewed(current, now);
            if (renewed.isEmpty()) {
                return current.get();
            }
            WebhookCertificates next = renewed.get();
            if (objects.writeSecret(namespace, secretName, next.toSecretData(),
                stored.map(WebhookObjects.StoredSecret::resourceVersion))) {
                LOG.info("webhook certificates renewed in Secret {}/{}: serving certificate {} valid until {}, CA {}",
                    namespace, secretName, next.serving().serial(), next.serving().notAfter(),
                    current.isPresent() && current.get().ca().certificate().equals(next.ca().certificate())
                        ? "unchanged" : "new, valid until " + next.ca().certificate().getNotAfter().toInstant());
                return next;
            }
            // Another replica renewed first: use what it wrote.
        }
        throw new IllegalStateException("Secret " + namespace + "/" + secretName + " changed " + ATTEMPTS
            + " times while renewing the certificates");
    }

    /** Every webhook of the configuration trusts the material's CAs (and keeps trusting unexpired others). */
    private void trustInConfiguration(WebhookCertificates material) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<WebhookObjects.WebhookConfiguration> found = objects.webhookConfiguration(configurationName);
            if (found.isEmpty()) {
                if (!configurationMissing) {
                    LOG.warn("ValidatingWebhookConfiguration {} not found: the API server does not call this webhook "
                        + "(nothing to keep the caBundle of)", configurationName);
                    configurationMissing = true;
                }
                return;
            }
            configurationMissing = false;
            WebhookObjects.WebhookConfiguration configuration = found.get();
            Instant now = clock.instant();
            List<String> bundles = configuration.caBundles().stream().map(b -> merged(b, material, now)).toList();
            if (bundles.equals(configuration.caBundles())) {
                return;
            }
            if (objects.patchCaBundles(configurationName, configuration.resourceVersion(), bundles)) {
                LOG.info("caBundle of ValidatingWebhookConfiguration {} now trusts the webhook CA{} (valid until {})",
                    configurationName, material.trusted().size() > 1 ? "s" : "", material.ca().certificate().getNotAfter()
                        .toInstant());
                return;
            }
        }
        throw new IllegalStateException("ValidatingWebhookConfiguration " + configurationName + " changed " + ATTEMPTS
            + " times while its caBundle was updated");
    }

    /**
     * The material's trusted CAs, then those of the existing bundle that are unexpired and not
     * among them; unchanged text when nothing changes (no write).
     */
    static String merged(String existing, WebhookCertificates material, Instant now) {
        Set<X509Certificate> certificates = new LinkedHashSet<>(material.trusted());
        List<X509Certificate> others = new ArrayList<>();
        if (!existing.isBlank()) {
            try {
                others = Pem.parseCertificates(existing);
            } catch (IllegalArgumentException e) {
                others = List.of();
            }
        }
        others.stream().filter(c -> c.getNotAfter().toInstant().isAfter(now)).forEach(certificates::add);
        String merged = Pem.certificates(List.copyOf(certificates));
        boolean same = !existing.isBlank() && Set.copyOf(others).equals(certificates);
        return same ? existing : merged;
    }

    private void serve(WebhookCertificates material) {
        ServingCertificate serving = material.serving();
        ServingCertificate current = keys.current();
        if (current != null && current.certificate().equals(serving.certificate())) {
            return;
        }
        Instant now = clock.instant();
        X509Certificate ca = material.ca().certificate();
        if (!ca.equals(newestCa)) {
            newestCa = ca;
            newestCaSeen = now;
        }
        Duration propagation = renewal.checkPeriod();
        boolean caJustTrusted = now.isBefore(newestCaSeen.plus(propagation));
        if (caJustTrusted && current != null && !current.issuedBy(ca)
            && current.remaining(now).compareTo(propagation) > 0) {
            return; // the next refresh serves it, once the API server has had time to read the new bundle
        }
        keys.use(serving);
        LOG.info("webhook serves certificate {} (valid until {})", serving.serial(), serving.notAfter());
    }
}
