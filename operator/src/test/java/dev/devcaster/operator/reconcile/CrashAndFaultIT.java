package dev.devcaster.operator.reconcile;

import dev.devcaster.emulator.faults.FaultScope;
import dev.devcaster.emulator.faults.RateLimitHeaders;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.model.MatchKeyMode;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.operator.testing.LogCapture;
import dev.devcaster.operator.testing.RunningOperator;
import dev.devcaster.operator.testing.TriggerAwait;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.devcaster.operator.testing.TriggerAwait.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The process can die between any two lines, and every remote call can fail: nothing leaks, nothing goes backwards. */
class CrashAndFaultIT extends EndToEndTest {

    static final String MANAGE = "/api/v3/trigger_instances/manage/{id}";

    @Override
    protected String apiKey() {
        return "key-crashes";
    }

    /** An operator whose process "dies" right after its first upsert returned: nothing gets recorded. */
    RunningOperator dyingAfterUpsert(CountDownLatch upserted) {
        return operatorBuilder().afterUpsert((trigger, id) -> {
            upserted.countDown();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("operator stopped");
            }
        }).start();
    }

    @Test
    void aCreateWhoseAnswerWasNeverRecordedIsDeletedWithTheTrigger() throws Exception {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        CountDownLatch upserted = new CountDownLatch(1);
        var crashed = dyingAfterUpsert(upserted);
        apply(githubCommits("in-doubt", "alice", "api"));
        assertThat(upserted.await(45, TimeUnit.SECONDS)).isTrue();
        crashed.close();
        assertThat(remote()).hasSize(1);
        assertThat(triggers.get("in-doubt").getStatus() == null
            || triggers.get("in-doubt").getStatus().getTriggerId() == null).isTrue();

        delete("in-doubt");
        try (var op = operator()) {
            eventually().until(() -> triggers.get("in-doubt") == null);
        }
        assertThat(remote()).isEmpty();
    }

    @Test
    void aSpecChangeBetweenACreateAndItsRecordLeavesOnlyTheNewInstance() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        AtomicBoolean changed = new AtomicBoolean();
        // The Trigger changes after the create and before its id is recorded: that status write is refused.
        try (var op = operatorBuilder().afterUpsert((trigger, id) -> {
            if (changed.compareAndSet(false, true)) {
                apply(githubCommits("moving", "alice", "web"));
            }
        }).start()) {
            apply(githubCommits("moving", "alice", "api"));

            eventually().untilTrue(changed);
            Trigger moving = triggers.ready("moving");
            assertThat(moving.getMetadata().getGeneration()).isEqualTo(2);
            assertThat(remote()).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo(moving.getStatus().getTriggerId());
                assertThat(i.config()).containsEntry("repo", "web");
            });
            assertThat(events("moving")).anySatisfy(e -> assertThat(e.getMessage()).contains("never recorded"));
        }
    }

    @Test
    void aSpecChangedWhileTheOperatorWasDownAfterAnUnrecordedCreateLeavesOnlyTheNewInstance() throws Exception {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        CountDownLatch upserted = new CountDownLatch(1);
        var crashed = dyingAfterUpsert(upserted);
        apply(githubCommits("moved", "alice", "api"));
        assertThat(upserted.await(45, TimeUnit.SECONDS)).isTrue();
        crashed.close();
        apply(githubCommits("moved", "alice", "web"));

        try (var op = operator()) {
            Trigger moved = triggers.ready("moved");
            assertThat(remote()).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo(moved.getStatus().getTriggerId());
                assertThat(i.config()).containsEntry("repo", "web");
            });
        }
    }

    @Test
    void anUnrecordedCreateOfAnEarlierConfigGoesEvenWhenTheNewSpecHasNoUsableAccount() throws Exception {
        ConnectedAccount alice = account("alice", "github", AccountStatus.ACTIVE, 5);
        CountDownLatch upserted = new CountDownLatch(1);
        var crashed = dyingAfterUpsert(upserted);
        apply(githubCommits("stuck", "alice", "api"));
        assertThat(upserted.await(45, TimeUnit.SECONDS)).isTrue();
        crashed.close();
        // While the operator is down: a new config, and the user's only account expires.
        apply(githubCommits("stuck", "alice", "web"));
        project.setAccountStatus(alice.id(), AccountStatus.EXPIRED);

        try (var op = operator()) {
            triggers.reason("stuck", "ConnectedAccountNotFound");
            eventually().until(() -> remote().isEmpty());
            assertThat(triggers.get("stuck").getMetadata().getAnnotations()).doesNotContainKey("devcaster.dev/remote-identity");
        }
    }

    @Test
    void aDisableThatKeepsFailingAfterTheCreateLeaksNothingWhenTheTriggerIsDeleted() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        emulator.faults().rateLimitNext(10_000, RateLimitHeaders.WITHOUT, 0, FaultScope.of("PATCH", MANAGE));
        try (var op = operator()) {
            Trigger off = githubCommits("off", "alice", "api");
            off.getSpec().setEnabled(false);
            apply(off);
            triggers.reason("off", "RateLimited");
            assertThat(remote()).hasSize(1);
            assertThat(events("off")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Created"));

            delete("off");

            eventually().until(() -> triggers.get("off") == null);
            assertThat(remote()).isEmpty();
        }
    }

    @Test
    void aReplacementWhoseLastStepFailsIsRecordedSoAnAccountThatExpiresThenLeavesNoUnrecordedInstance() {
        emulator.faults().matchKeyMode(MatchKeyMode.CONFIG);
        ConnectedAccount alice = account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("replaced", "alice", "api"));
            String oldId = triggers.ready("replaced").getStatus().getTriggerId();
            emulator.faults().rateLimitNext(10_000, RateLimitHeaders.WITHOUT, 0, FaultScope.of("PATCH", MANAGE));

            // A new config (a new instance replaces the old one) that is also disabled: the disable gets 429s.
            Trigger changed = githubCommits("replaced", "alice", "web");
            changed.getSpec().setEnabled(false);
            apply(changed);
            triggers.reason("replaced", "RateLimited");
            eventually().until(() -> remote().size() == 1 && !remote().get(0).id().equals(oldId));
            String newId = remote().get(0).id();
            eventually().until(() -> newId.equals(triggers.get("replaced").getStatus().getTriggerId()));

            // Now no reconcile gets as far as the upsert that would find the new instance again.
            project.setAccountStatus(alice.id(), AccountStatus.EXPIRED);
            triggers.reason("replaced", "ConnectedAccountNotActive");
            assertThat(triggers.get("replaced").getStatus().getTriggerId()).isEqualTo(newId);
            assertThat(remote()).extracting(i -> i.id()).containsExactly(newId);
        }
    }

    @Test
    void theStatusNeverGoesBackWhileTheOldInstanceCannotBeDeleted() {
        emulator.faults().matchKeyMode(MatchKeyMode.CONFIG);
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("moving", "alice", "api"));
            String oldId = triggers.ready("moving").getStatus().getTriggerId();
            emulator.faults().errorRate(1.0, FaultScope.of("DELETE", MANAGE));
            List<String> seen = new CopyOnWriteArrayList<>();
            ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
            watch.scheduleAtFixedRate(() -> seen.add(String.valueOf(triggers.get("moving").getStatus().getTriggerId())),
                0, 50, TimeUnit.MILLISECONDS);
            try {
                apply(githubCommits("moving", "alice", "web"));
                triggers.reason("moving", "RemoteError");
                eventually().during(Duration.ofSeconds(3)).until(() -> remote().size() == 2);

                emulator.faults().clear();
                String recorded = triggers.ready("moving").getStatus().getTriggerId();
                eventually().until(() -> seen.contains(recorded)); // the watch sampled it too
            } finally {
                watch.shutdownNow();
            }
            String newId = triggers.get("moving").getStatus().getTriggerId();
            assertThat(newId).isNotEqualTo(oldId);
            // The recorded id moves once, from the old instance to the new one, and never back.
            assertThat(seen.stream().distinct().toList()).containsExactly(oldId, newId);
            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(newId));
        }
    }

    @Test
    void aTriggerDeletedWhileItsOldInstanceCannotBeDeletedLeaksNeither() {
        emulator.faults().matchKeyMode(MatchKeyMode.CONFIG);
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("leaving", "alice", "api"));
            triggers.ready("leaving");
            emulator.faults().errorRate(1.0, FaultScope.of("DELETE", MANAGE));
            apply(githubCommits("leaving", "alice", "web"));
            eventually().until(() -> remote().size() == 2);

            delete("leaving");
            triggers.reason("leaving", "Deleting");
            emulator.faults().clear();

            eventually().until(() -> triggers.get("leaving") == null);
            assertThat(remote()).isEmpty();
        }
    }

    @Test
    void aMisroutedNotFoundIsNotADeleteAndARevokedKeyNeedsAPerson() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        client.secrets().inNamespace(ns).resource(apiKeySecret("devcaster", apiKey())).serverSideApply();
        try (var op = operator()) {
            Trigger t = githubCommits("guarded", "alice", "api");
            t.getSpec().setCredentialsSecretRef(new SecretKeyRef("devcaster", "apiKey"));
            apply(t);
            triggers.ready("guarded");
            emulator.faults().misroutedRate(1.0, FaultScope.of("DELETE", MANAGE));

            delete("guarded");

            Trigger waiting = triggers.reason("guarded", "Deleting");
            assertThat(TriggerAwait.ready(waiting).orElseThrow().getMessage()).contains("404 without Devcaster's error body");
            assertThat(remote()).hasSize(1);

            Project kept = project;
            emulator.faults().clear();
            emulator.revokeKey(apiKey());
            Trigger rejected = triggers.reason("guarded", "CredentialsRejected");
            assertThat(TriggerAwait.condition(rejected, "Stalled")).isPresent();
            assertThat(kept.triggers()).hasSize(1);

            emulator.reinstateKey(apiKey(), kept);
            eventually().until(() -> triggers.get("guarded") == null);
            assertThat(kept.triggers()).isEmpty();
        }
    }

    @Test
    void deletionAfterARestartWorksWhenTheSecretWentFirst() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        client.secrets().inNamespace(ns).resource(apiKeySecret("devcaster", apiKey())).serverSideApply();
        try (var op = operator()) {
            for (String name : List.of("one", "two", "three")) {
                Trigger t = githubCommits(name, "alice", name);
                t.getSpec().setCredentialsSecretRef(new SecretKeyRef("devcaster", "apiKey"));
                apply(t);
            }
            List.of("one", "two", "three").forEach(triggers::ready);
        }
        // What a namespace deletion does, in its order: the Secret may go before the Triggers' finalizers run.
        client.secrets().inNamespace(ns).withName("devcaster").delete();
        List.of("one", "two", "three").forEach(this::delete);

        try (var op = operator()) {
            eventually().until(() -> List.of("one", "two", "three").stream().allMatch(n -> triggers.get(n) == null));
        }
        assertThat(remote()).isEmpty();
    }

    @Test
    void aRemoteErrorSaysWhatHappenedAndAnOutageLogsNoStackTraces() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (LogCapture logs = LogCapture.all(); var op = operator()) {
            emulator.faults().outage(true);
            for (int i = 0; i < 5; i++) {
                apply(githubCommits("outage-" + i, "alice", "repo-" + i));
            }

            Trigger t = triggers.reason("outage-0", "RemoteError");
            eventually().during(Duration.ofSeconds(4)).until(() -> true);
            emulator.faults().outage(false);
            for (int i = 0; i < 5; i++) {
                triggers.ready("outage-" + i);
            }

            assertThat(TriggerAwait.ready(t).orElseThrow().getMessage())
                .containsPattern("HTTP 503 from (GET|POST) /").doesNotContain("OperatorException").doesNotContain("req_");
            assertThat(logs.lines()).noneMatch(l -> l.contains("\tat ") || l.contains("Exception:"));
            long warnings = logs.lines().stream().filter(l -> l.contains("reason=RemoteError")).count();
            assertThat(warnings).as("one line per change of outcome, not per attempt").isLessThanOrEqualTo(5 * 2);
        }
    }

    @Test
    void theReasonGaugeIsRightRightAfterARestart() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("synced-1", "alice", "a"));
            apply(githubCommits("synced-2", "alice", "b"));
            Trigger invalid = githubCommits("invalid", "alice", "c");
            invalid.getSpec().getTriggerConfig().remove("repo");
            apply(invalid);
            triggers.ready("synced-1");
            triggers.ready("synced-2");
            triggers.reason("invalid", "InvalidConfig");
        }
        Set<Double> seen = ConcurrentHashMap.newKeySet();
        try (var op = operator()) {
            eventually().until(() -> gauge(op, "Synced") == 2.0 && gauge(op, "InvalidConfig") == 1.0);
            seen.add(gauge(op, "Synced"));
        }
        assertThat(seen).containsExactly(2.0);
    }

    static double gauge(RunningOperator op, String reason) {
        var gauge = op.registry().find("devcaster.triggers").tag("reason", reason).gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
