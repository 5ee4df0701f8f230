package dev.devcaster.operator.admission;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.operator.testing.Kubectl;
import dev.devcaster.operator.testing.LogCapture;
import dev.devcaster.operator.testing.RunningOperator;
import dev.devcaster.operator.testing.TriggerAwait;
import dev.devcaster.operator.testing.WebhookHarness;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.devcaster.operator.testing.TriggerAwait.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validating admission webhook end to end: the real kube-apiserver calls the operator's HTTPS
 * endpoint (self-managed CA in the caBundle), the operator asks the emulator over HTTP, and
 * {@code kubectl} shows the answer as a user sees it.
 */
class AdmissionWebhookIT extends EndToEndTest {

    static final String KEY = "key-admission";
    private final List<AutoCloseable> open = new ArrayList<>();
    private Kubectl kubectl;

    @Override
    protected String apiKey() {
        return KEY;
    }

    @BeforeEach
    void kubectl() {
        kubectl = Kubectl.forCluster(client.getConfiguration());
        account("alice", "github", AccountStatus.ACTIVE, 10);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /**
     * The operator of this namespace (and of {@code alsoWatched}, which no webhook covers) with its
     * webhook registered in the API server for this namespace (timeout 5 s).
     */
    private RunningOperator webhookOperator(String policy, Map<String, String> env, String... alsoWatched) {
        List<String> namespaces = new ArrayList<>(List.of(ns));
        namespaces.addAll(List.of(alsoWatched));
        WebhookHarness webhook = WebhookHarness.register(client, policy, 5, ns);
        open.add(webhook);
        RunningOperator.Builder builder = webhook.serve(operatorBuilder())
            .set(Settings.WEBHOOK_FAILURE_POLICY, policy)
            .set(Settings.WATCH_NAMESPACES, String.join(",", namespaces))
            .set(Settings.DEFAULT_API_KEY_NAMESPACES, String.join(",", namespaces));
        env.forEach(builder::env);
        RunningOperator operator = builder.start();
        open.add(operator);
        webhook.awaitServing(ns);
        return operator;
    }

    private Kubectl.Result apply(String yaml, String... flags) {
        List<String> args = new ArrayList<>(List.of("apply", "-n", ns, "-f", "-"));
        args.addAll(List.of(flags));
        return kubectl.run(yaml, args.toArray(String[]::new));
    }

    static String yaml(String name, String slug, String who, String config) {
        return """
            apiVersion: devcaster.dev/v1alpha1
            kind: Trigger
            metadata:
              name: %s
            spec:
              slug: %s
              %s
              triggerConfig: %s
            """.formatted(name, slug, who, config);
    }

    @Test
    void anInvalidConfigIsRefusedAtApplyWithEveryFieldPathAsTheReconcileWouldReportIt() {
        String elsewhere = ns + "-nowebhook";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(elsewhere).endMetadata().build())
            .create();
        // The operator watches a second namespace the webhook does not cover: there the reconcile speaks.
        webhookOperator("Ignore", Map.of(), elsewhere);
        String broken = yaml("broken", "GITHUB_COMMIT_EVENT", "userId: alice", "{owner: 42}");

        Kubectl.Result refused = apply(broken);

        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.stderr())
            .contains("admission webhook \"triggers.devcaster.dev\" denied the request: config does not match the "
                + "schema of GITHUB_COMMIT_EVENT at toolkit version 20250909_00:")
            .contains("triggerConfig.repo: required").contains("triggerConfig.owner: ");
        assertThat(triggers.get("broken")).as("nothing stored").isNull();
        // --dry-run=server gives the same answer (what a CI job runs on a pull request).
        Kubectl.Result dryRun = apply(broken, "--dry-run=server");
        assertThat(dryRun.exitCode()).isNotZero();
        assertThat(denial(dryRun)).isEqualTo(denial(refused));
        assertThat(remote()).isEmpty();
        assertThat(emulator.requestLog().count(UPSERT)).isZero();

        // The same spec where no webhook looks: the reconcile's InvalidConfig message is the refusal's.
        assertThat(kubectl.run(broken, "apply", "-n", elsewhere, "-f", "-").exitCode()).isZero();
        Trigger stalled = new TriggerAwait(client, elsewhere).reason("broken", "InvalidConfig");
        String condition = TriggerAwait.ready(stalled).orElseThrow().getMessage();
        assertThat(refused.stderr()).contains("denied the request: " + condition);
    }

    @Test
    void aValidTriggerIsAdmittedSilentlyAndBecomesReady() {
        webhookOperator("Ignore", Map.of());

        Kubectl.Result admitted = apply(yaml("commits", "GITHUB_COMMIT_EVENT", "userId: alice", "{owner: acme, repo: api}"));

        assertThat(admitted.exitCode()).as(admitted.output()).isZero();
        assertThat(admitted.stdout()).contains("trigger.devcaster.dev/commits created");
        assertThat(admitted.stderr()).as("no warning").isEmpty();
        Trigger ready = triggers.ready("commits");
        assertThat(remote()).extracting(TriggerInstance::id).containsExactly(ready.getStatus().getTriggerId());
    }

    @Test
    void anUpdateThatBreaksTheConfigIsRefusedAndTheRunningRemoteTriggerIsUntouched() {
        webhookOperator("Ignore", Map.of());
        assertThat(apply(yaml("commits", "GITHUB_COMMIT_EVENT", "userId: alice", "{owner: acme, repo: api}")).exitCode())
            .isZero();
        Trigger ready = triggers.ready("commits");
        TriggerInstance before = project.trigger(ready.getStatus().getTriggerId()).orElseThrow();
        long upserts = emulator.requestLog().count(UPSERT);

        Kubectl.Result refused = apply(yaml("commits", "GITHUB_COMMIT_EVENT", "userId: alice",
            "{owner: acme, repo: api, branch: [main]}"));

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("denied the request").contains("triggerConfig.branch: ");
        Trigger stored = triggers.get("commits");
        assertThat(stored.getMetadata().getGeneration()).isEqualTo(ready.getMetadata().getGeneration());
        assertThat(stored.getSpec().getTriggerConfig().has("branch")).isFalse();
        assertThat(project.trigger(before.id())).hasValue(before);
        assertThat(emulator.requestLog().count(UPSERT)).isEqualTo(upserts);
        // The operator's own metadata and status writes are UPDATEs too: they pass (spec unchanged).
        assertThat(TriggerAwait.ready(triggers.get("commits"))).hasValueSatisfying(c ->
            assertThat(c.getReason()).isEqualTo("Synced"));
    }

    @Test
    void anUnknownSlugOrATypeMissingAtTheRequestedVersionIsRefused() {
        webhookOperator("Ignore", Map.of());

        Kubectl.Result unknown = apply(yaml("nope", "GITHUB_NO_SUCH_EVENT", "userId: alice", "{}"));
        Kubectl.Result tooOld = apply(yaml("old", "GITHUB_PULL_REQUEST_EVENT", "userId: alice", "{owner: acme, repo: api}")
            .replace("triggerConfig:", "toolkitVersion: \"20250601_00\"\n  triggerConfig:"));

        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("denied the request: trigger type GITHUB_NO_SUCH_EVENT does not exist at "
            + "toolkit version latest");
        assertThat(tooOld.exitCode()).as(tooOld.output()).isNotZero();
        assertThat(tooOld.stderr()).contains("denied the request: trigger type GITHUB_PULL_REQUEST_EVENT does not exist "
            + "at toolkit version 20250601_00");
        assertThat(triggers.get("nope")).isNull();
        assertThat(triggers.get("old")).isNull();
    }

    @Test
    void whatCanBecomeTrueLaterIsAdmittedWithAWarningThatKubectlPrints() {
        webhookOperator("Ignore", Map.of());
        ConnectedAccount expired = account("carol", "github", AccountStatus.EXPIRED, 60);

        Kubectl.Result noAccount = apply(yaml("no-account", "GITHUB_COMMIT_EVENT", "userId: dave", "{owner: acme, repo: a}"));
        Kubectl.Result expiredPin = apply(yaml("expired", "GITHUB_COMMIT_EVENT", "connectedAccountId: " + expired.id(),
            "{owner: acme, repo: b}"));
        Kubectl.Result noSecret = apply(yaml("no-secret", "GITHUB_COMMIT_EVENT", "userId: alice", "{owner: acme, repo: c}")
            + "  credentialsSecretRef: {name: team-credentials}\n");

        assertThat(noAccount.exitCode()).as(noAccount.output()).isZero();
        assertThat(noAccount.stderr()).contains("Warning: ConnectedAccountNotFound: user dave has no ACTIVE connected "
            + "account for toolkit github; connect one in Devcaster");
        assertThat(expiredPin.exitCode()).as(expiredPin.output()).isZero();
        assertThat(expiredPin.stderr()).contains("Warning: ConnectedAccountNotActive: connected account " + expired.id()
            + " is EXPIRED");
        assertThat(noSecret.exitCode()).as(noSecret.output()).isZero();
        assertThat(noSecret.stderr()).contains("Warning: CredentialsNotFound: Secret " + ns + "/team-credentials not found");
        // Stored: the reconcile reports the same reasons and waits for them to change.
        triggers.reason("no-account", "ConnectedAccountNotFound");
        triggers.reason("expired", "ConnectedAccountNotActive");
        triggers.reason("no-secret", "CredentialsNotFound");
        // GitOps applies the Secret and the Trigger together: once the Secret exists it syncs.
        client.secrets().inNamespace(ns).resource(apiKeySecret("team-credentials", KEY)).create();
        triggers.ready("no-secret");
    }

    @Test
    void aDevcasterOutageOrTimeoutAdmitsWithAWarningAndTheReconcileStillValidates() {
        RunningOperator operator = webhookOperator("Ignore", Map.of(Settings.WEBHOOK_TIMEOUT.env(), "2s"));
        emulator.faults().outage(true);

        // A type the webhook has not looked up yet (its probe warmed GITHUB_COMMIT_EVENT's cache).
        Kubectl.Result outage = apply(yaml("during-outage", "GITHUB_ISSUE_ADDED_EVENT", "userId: alice", "{owner: acme}"));

        assertThat(outage.exitCode()).as(outage.output()).isZero();
        assertThat(outage.stderr()).contains("Warning: could not validate the Trigger against Devcaster: ")
            .contains("HTTP 503").contains("admitted unvalidated: the operator validates it when it reconciles");
        emulator.faults().outage(false);
        triggers.reason("during-outage", "InvalidConfig");

        emulator.faults().latency(Duration.ofSeconds(4));
        long t0 = System.nanoTime();
        Kubectl.Result slow = apply(yaml("slow", "GITHUB_STAR_ADDED_EVENT", "userId: alice", "{owner: acme, repo: a}"));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        emulator.faults().latency(Duration.ZERO);

        assertThat(slow.exitCode()).as(slow.output()).isZero();
        assertThat(slow.stderr()).contains("Warning: could not validate the Trigger against Devcaster: Devcaster did "
            + "not answer within 1600 ms");
        assertThat(took).as("answered before the API server's 5 s").isLessThan(Duration.ofSeconds(5));
        String metrics = ((PrometheusMeterRegistry) operator.registry()).scrape();
        assertThat(metrics).contains("devcaster_admission_requests_seconds_count{operation=\"CREATE\",result=\"allowed-on-error\"}");
    }

    @Test
    void withPolicyFailAnUnvalidatableTriggerIsRefusedWithAClearMessage() {
        RunningOperator operator = webhookOperator("Fail", Map.of());
        emulator.faults().outage(true);

        Kubectl.Result refused = apply(yaml("strict", "GITHUB_ISSUE_ADDED_EVENT", "userId: alice", "{owner: acme, repo: a}"));

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("denied the request: could not validate the Trigger against Devcaster: ")
            .contains("HTTP 503").contains("try again (the webhook's failure policy is Fail)");
        assertThat(triggers.get("strict")).isNull();
        emulator.faults().outage(false);

        // The operator gone: the API server itself refuses, naming the webhook it could not call.
        open.remove(operator);
        operator.close();
        Kubectl.Result unreachable = apply(yaml("strict", "GITHUB_COMMIT_EVENT", "userId: alice", "{owner: acme, repo: a}"));
        assertThat(unreachable.exitCode()).isNotZero();
        assertThat(unreachable.stderr()).contains("failed calling webhook \"triggers.devcaster.dev\"");
    }

    @Test
    void theApiKeyNeverAppearsInAResponseWarningLogOrMetric() {
        String secretKey = "dk_live_never_show_me_4f2a9c";
        try (LogCapture logs = LogCapture.of("dev.devcaster.operator")) {
            RunningOperator operator = webhookOperator("Ignore", Map.of());
            client.secrets().inNamespace(ns).resource(apiKeySecret("rejected", secretKey)).create();
            client.secrets().inNamespace(ns).resource(apiKeySecret("accepted", KEY)).create();

            Kubectl.Result rejected = apply(yaml("rejected", "GITHUB_COMMIT_EVENT", "userId: alice", "{owner: acme}")
                + "  credentialsSecretRef: {name: rejected}\n");
            Kubectl.Result invalid = apply(yaml("invalid", "GITHUB_COMMIT_EVENT", "userId: alice", "{owner: acme}")
                + "  credentialsSecretRef: {name: accepted}\n");
            emulator.faults().outage(true);
            Kubectl.Result outage = apply(yaml("outage", "GITHUB_ISSUE_ADDED_EVENT", "userId: alice", "{owner: acme}")
                + "  credentialsSecretRef: {name: accepted}\n");
            emulator.faults().outage(false);

            assertThat(rejected.exitCode()).isZero();
            assertThat(rejected.stderr()).contains("Warning: CredentialsRejected: Devcaster rejected the API key");
            assertThat(invalid.stderr()).contains("triggerConfig.repo: required");
            assertThat(outage.stderr()).contains("Warning: could not validate");
            String metrics = ((PrometheusMeterRegistry) operator.registry()).scrape();
            for (String text : List.of(rejected.output(), invalid.output(), outage.output(), metrics,
                String.join("\n", logs.lines()))) {
                assertThat(text).doesNotContain(secretKey).doesNotContain(KEY);
            }
            assertThat(metrics).contains("devcaster_admission_requests_seconds_count{operation=\"CREATE\",result=\"denied\"}")
                .contains("result=\"allowed\"").doesNotContain("name=\"invalid\"").doesNotContain("\"rejected\"");
        }
    }

    private static String denial(Kubectl.Result result) {
        return result.stderr().substring(result.stderr().indexOf("denied the request")).trim();
    }
}
