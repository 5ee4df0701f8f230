package dev.devcaster.operator.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.operator.client.ApiError;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.RateLimitedException;
import dev.devcaster.operator.client.TransientException;
import dev.devcaster.operator.client.UnauthorizedException;
import dev.devcaster.operator.config.FailurePolicy;
import dev.devcaster.operator.config.ShardSelector;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.operator.triggertype.ValidatedConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;

/** How each outcome of the reconcile's steps becomes an admission answer, and the AdmissionReview around it. */
class TriggerAdmissionTest {

    static final DevcasterCredentials KEY = new DevcasterCredentials(URI.create("http://devcaster"), "dk_unit_secret");
    /** The reconcile's steps, answering per Trigger name as a test says; counts the calls. */
    static final class FakeSteps implements TriggerAdmission.Steps {
        final Map<String, java.util.function.Supplier<DevcasterCredentials>> credentials = new java.util.HashMap<>();
        final Map<String, java.util.function.Supplier<ValidatedConfig>> types = new java.util.HashMap<>();
        final Map<String, Runnable> accounts = new java.util.HashMap<>();
        int calls;

        @Override
        public DevcasterCredentials credentials(Trigger trigger) {
            calls++;
            return credentials.getOrDefault(trigger.getMetadata().getName(), () -> KEY).get();
        }

        @Override
        public ValidatedConfig check(DevcasterCredentials key, Trigger trigger) {
            calls++;
            return types.getOrDefault(trigger.getMetadata().getName(), () -> GITHUB).get();
        }

        @Override
        public void account(DevcasterCredentials key, Trigger trigger, String toolkit) {
            calls++;
            accounts.getOrDefault(trigger.getMetadata().getName(), () -> { }).run();
        }
    }

    static final ValidatedConfig GITHUB = new ValidatedConfig(new dev.devcaster.operator.client.TriggerType(
        "GITHUB_COMMIT_EVENT", null, null, null, null, new dev.devcaster.operator.client.ToolkitRef("github", "GitHub",
        null), null, null, "20250909_00"), new ObjectMapper().createObjectNode());

    final FakeSteps steps = new FakeSteps();
    final Trigger trigger = named(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), "team-a");

    TriggerAdmission admission(FailurePolicy policy) {
        return new TriggerAdmission(steps, Set.of(), ShardSelector.all(), policy);
    }

    static <T> java.util.function.Supplier<T> throwing(RuntimeException e) {
        return () -> {
            throw e;
        };
    }

    static Trigger named(Trigger t, String namespace) {
        t.getMetadata().setNamespace(namespace);
        return t;
    }

    static ApiError error(int status) {
        return new ApiError("GET /triggers_types/{slug}", status, "Service unavailable", null, "req_1", null, List.of());
    }

    @Test
    void whatCanNeverWorkIsDeniedWithTheReconcilesMessage() {
        steps.types.put("t", throwing(new TriggerProblem(ReadyReason.InvalidConfig,
            "config does not match the schema of X at toolkit version 1: triggerConfig.repo: required")));

        Verdict verdict = admission(FailurePolicy.Ignore).decide(trigger);

        assertThat(verdict.result()).isEqualTo(Verdict.Result.DENIED);
        assertThat(verdict.isAllowed()).isFalse();
        assertThat(verdict.code()).isEqualTo(422);
        assertThat(verdict.message()).endsWith("triggerConfig.repo: required");
        assertThat(steps.calls).as("no account look-up").isEqualTo(2);
    }

    @Test
    void whatCanBecomeTrueLaterIsAllowedWithTheReasonAsWarning() {
        steps.credentials.put("t", throwing(new TriggerProblem(ReadyReason.CredentialsNotFound,
            "Secret team-a/creds not found")));
        assertThat(admission(FailurePolicy.Fail).decide(trigger)).satisfies(v -> {
            assertThat(v.result()).isEqualTo(Verdict.Result.ALLOWED);
            assertThat(v.warnings()).singleElement().asString().startsWith("CredentialsNotFound: Secret team-a/creds not found");
        });

        Trigger second = named(trigger("u", "GITHUB_COMMIT_EVENT", "dave"), "team-a");
        steps.accounts.put("u", () -> {
            throw new TriggerProblem(ReadyReason.ConnectedAccountNotFound,
                "user dave has no ACTIVE connected account for toolkit github; connect one in Devcaster");
        });
        assertThat(admission(FailurePolicy.Fail).decide(second).warnings()).containsExactly(
            "ConnectedAccountNotFound: user dave has no ACTIVE connected account for toolkit github; connect one in Devcaster");
        // A rejected key can be fixed too: allowed, whatever the policy.
        Trigger third = named(trigger("v", "GITHUB_COMMIT_EVENT", "alice"), "team-a");
        steps.types.put("v", throwing(new UnauthorizedException(error(401))));
        assertThat(admission(FailurePolicy.Fail).decide(third).warnings()).singleElement().asString()
            .startsWith("CredentialsRejected: Devcaster rejected the API key").doesNotContain(KEY.apiKey());
    }

    @Test
    void whatCannotBeCheckedNowFollowsTheFailurePolicy() {
        steps.types.put("t", throwing(new TransientException(error(503), null)));

        Verdict ignore = admission(FailurePolicy.Ignore).decide(trigger);
        Verdict fail = admission(FailurePolicy.Fail).decide(trigger);

        assertThat(ignore.result()).isEqualTo(Verdict.Result.ALLOWED_ON_ERROR);
        assertThat(ignore.warnings()).singleElement().asString().contains("HTTP 503").doesNotContain("req_1");
        assertThat(fail.result()).isEqualTo(Verdict.Result.DENIED_ON_ERROR);
        assertThat(fail.code()).isEqualTo(503);
        assertThat(fail.message()).contains("HTTP 503").contains("failure policy is Fail");

        Trigger limited = named(trigger("l", "GITHUB_COMMIT_EVENT", "alice"), "team-a");
        steps.types.put("l", throwing(new RateLimitedException(error(429), Optional.of(Duration.ofSeconds(3)), false)));
        assertThat(admission(FailurePolicy.Ignore).decide(limited).result()).isEqualTo(Verdict.Result.ALLOWED_ON_ERROR);
    }

    @Test
    void pausedOrUnwatchedTriggersAreNotLookedAt() {
        Trigger paused = named(trigger("p", "GITHUB_COMMIT_EVENT", "alice"), "team-a");
        paused.getMetadata().setAnnotations(Map.of(TriggerAnnotations.PAUSED, "true"));
        assertThat(admission(FailurePolicy.Fail).decide(paused).isAllowed()).isTrue();

        Trigger elsewhere = named(trigger("e", "GITHUB_COMMIT_EVENT", "alice"), "team-b");
        assertThat(new TriggerAdmission(steps, Set.of("team-a"), ShardSelector.all(), FailurePolicy.Fail)
            .decide(elsewhere)).isEqualTo(Verdict.allowed(List.of()));
        assertThat(steps.calls).isZero();
    }

    @Test
    void triggersOfAnotherShardAreLeftToItsWebhook() {
        TriggerAdmission shardB = new TriggerAdmission(steps, Set.of(), ShardSelector.parse("devcaster.dev/shard=b"),
            FailurePolicy.Fail);
        Trigger ofA = named(trigger("a", "GITHUB_COMMIT_EVENT", "alice"), "team-a");
        ofA.getMetadata().setLabels(Map.of("devcaster.dev/shard", "a"));
        steps.types.put("a", throwing(new TriggerProblem(ReadyReason.InvalidConfig, "bad: triggerConfig.repo: required")));
        Trigger unlabelled = named(trigger("u", "GITHUB_COMMIT_EVENT", "alice"), "team-a");
        steps.types.put("u", throwing(new TriggerProblem(ReadyReason.InvalidConfig, "bad: triggerConfig.repo: required")));

        assertThat(shardB.decide(ofA)).isEqualTo(Verdict.allowed(List.of()));
        assertThat(shardB.decide(unlabelled)).isEqualTo(Verdict.allowed(List.of()));
        assertThat(steps.calls).isZero();

        Trigger ofB = named(trigger("b", "GITHUB_COMMIT_EVENT", "alice"), "team-a");
        ofB.getMetadata().setLabels(Map.of("devcaster.dev/shard", "b"));
        steps.types.put("b", throwing(new TriggerProblem(ReadyReason.InvalidConfig, "bad: triggerConfig.repo: required")));
        assertThat(shardB.decide(ofB).isAllowed()).isFalse();
        assertThat(steps.calls).isPositive();
    }

    @Test
    void theReviewAnswersTheUidSkipsUnchangedSpecsAndCountsByResult() throws Exception {
        steps.types.put("t", throwing(new TriggerProblem(ReadyReason.InvalidConfig, "bad: triggerConfig.repo: required")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AdmissionReviews reviews = new AdmissionReviews(admission(FailurePolicy.Ignore), Duration.ofSeconds(2), 2,
            registry, List.of(Duration.ofMillis(50)))) {
            String object = "{\"apiVersion\":\"devcaster.dev/v1alpha1\",\"kind\":\"Trigger\",\"metadata\":{\"name\":\"t\","
                + "\"namespace\":\"team-a\"},\"spec\":{\"slug\":\"GITHUB_COMMIT_EVENT\",\"userId\":\"alice\"}}";
            String create = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u-1\","
                + "\"operation\":\"CREATE\",\"namespace\":\"team-a\",\"name\":\"t\",\"object\":" + object + "}}";
            String finalizer = "{\"request\":{\"uid\":\"u-2\",\"operation\":\"UPDATE\",\"namespace\":\"team-a\",\"object\":"
                + object + ",\"oldObject\":" + object + "}}";

            var denied = new ObjectMapper().readTree(reviews.review(create.getBytes(StandardCharsets.UTF_8)));
            var passed = new ObjectMapper().readTree(reviews.review(finalizer.getBytes(StandardCharsets.UTF_8)));

            assertThat(denied.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
            assertThat(denied.path("response").path("uid").asText()).isEqualTo("u-1");
            assertThat(denied.path("response").path("allowed").asBoolean()).isFalse();
            assertThat(denied.path("response").path("status").path("code").asInt()).isEqualTo(422);
            assertThat(denied.path("response").path("status").path("message").asText()).isEqualTo("bad: triggerConfig.repo: required");
            assertThat(passed.path("response").path("uid").asText()).isEqualTo("u-2");
            assertThat(passed.path("response").path("allowed").asBoolean()).isTrue();
            assertThat(registry.get("devcaster.admission.requests").tags("result", "denied", "operation", "CREATE").timer()
                .count()).isEqualTo(1);
            assertThat(registry.get("devcaster.admission.requests").tags("result", "allowed", "operation", "UPDATE").timer()
                .count()).isEqualTo(1);
            assertThat(registry.find("devcaster.admission.requests").meters()).allSatisfy(m ->
                assertThat(m.getId().getTags()).extracting(t -> t.getKey()).containsOnly("result", "operation"));
        }
    }

    @Test
    void aCheckSlowerThanTheBudgetIsAnsweredByThePolicyInTime() throws Exception {
        steps.credentials.put("t", () -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return KEY;
        });
        try (AdmissionReviews reviews = new AdmissionReviews(admission(FailurePolicy.Ignore), Duration.ofMillis(200), 2,
            new SimpleMeterRegistry(), List.of(Duration.ofMillis(50)))) {
            String create = "{\"request\":{\"uid\":\"u-3\",\"operation\":\"CREATE\",\"namespace\":\"team-a\",\"object\":"
                + "{\"metadata\":{\"name\":\"t\"},\"spec\":{\"slug\":\"GITHUB_COMMIT_EVENT\",\"userId\":\"alice\"}}}}";
            long t0 = System.nanoTime();
            var answer = new ObjectMapper().readTree(reviews.review(create.getBytes(StandardCharsets.UTF_8)));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            assertThat(answer.path("response").path("allowed").asBoolean()).isTrue();
            assertThat(answer.path("response").path("warnings").get(0).asText()).contains("did not answer within 200 ms");
        }
    }
}
