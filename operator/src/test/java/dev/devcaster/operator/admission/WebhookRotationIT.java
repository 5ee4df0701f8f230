package dev.devcaster.operator.admission;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.operator.testing.RunningOperator;
import dev.devcaster.operator.testing.TlsProbe;
import dev.devcaster.operator.testing.WebhookHarness;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-managed certificates rotate while the API server keeps calling the webhook, and no
 * admission fails: serving certificates of 5 s (renewed with a third left) and a CA of 50 s
 * (replaced with 10 s left, its predecessor still trusted), over 45 s of admissions with policy
 * Fail, so a single TLS failure would refuse a request.
 */
class WebhookRotationIT extends EndToEndTest {

    @Override
    protected String apiKey() {
        return "key-rotation";
    }

    @Test
    void servingCertificatesAndTheCaRotateWithoutAFailedAdmission() throws Exception {
        account("alice", "github", AccountStatus.ACTIVE, 10);
        try (WebhookHarness webhook = WebhookHarness.register(client, "Fail", 5, ns);
             RunningOperator operator = webhook.serve(operatorBuilder())
                 .set(Settings.WEBHOOK_CERT_VALIDITY, "5s").set(Settings.WEBHOOK_FAILURE_POLICY, "Fail").start()) {
            webhook.awaitServing(ns);
            Trigger invalid = githubCommits("invalid", "alice", "api");
            invalid.getSpec().getTriggerConfig().remove("repo");
            Trigger valid = githubCommits("valid", "alice", "api");
            List<String> failures = new ArrayList<>();
            Set<String> servedSerials = new LinkedHashSet<>();
            Set<String> cas = new LinkedHashSet<>();
            int admissions = 0;
            long end = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (System.nanoTime() < end) {
                // Through the API server (which keeps connections open) ...
                try {
                    client.resources(Trigger.class).inNamespace(ns).resource(invalid).dryRun().create();
                    failures.add("invalid Trigger admitted");
                } catch (KubernetesClientException e) {
                    if (!String.valueOf(e.getMessage()).contains("triggerConfig.repo: required")) {
                        failures.add("invalid: " + e.getMessage());
                    }
                }
                try {
                    client.resources(Trigger.class).inNamespace(ns).resource(valid).dryRun().create();
                } catch (KubernetesClientException e) {
                    failures.add("valid: " + e.getMessage());
                }
                admissions += 2;
                // ... and on a new connection each time, trusting only the caBundle the API server has.
                String bundle = webhook.caBundles().get(0);
                try {
                    X509Certificate served = TlsProbe.served(webhook.port(), bundle);
                    servedSerials.add(served.getSerialNumber().toString(16));
                    cas.add(served.getIssuerX500Principal() + " " + served.getIssuerX500Principal().hashCode());
                } catch (IOException e) {
                    failures.add("TLS handshake: " + e.getMessage());
                }
                Thread.sleep(100);
            }
            System.out.printf("[rotation] %d admissions, %d serving certificates seen, caBundle holds %d CA(s) at the end%n",
                admissions, servedSerials.size(), dev.devcaster.operator.webhook.Pem.parseCertificates(
                    webhook.caBundles().get(0)).size());
            assertThat(failures).isEmpty();
            assertThat(servedSerials).as("serving certificates rotated").hasSizeGreaterThanOrEqualTo(8);
            List<X509Certificate> trusted = dev.devcaster.operator.webhook.Pem.parseCertificates(webhook.caBundles().get(0));
            assertThat(trusted).as("the new CA and its unexpired predecessor").hasSize(2);
        }
    }
}
