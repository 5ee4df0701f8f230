package dev.devcaster.operator.reconcile;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.model.MatchKeyMode;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.operator.testing.RunningOperator;
import dev.devcaster.operator.testing.TriggerAwait;
import dev.devcaster.operator.trigger.DeletionPolicy;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerState;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.devcaster.operator.testing.TriggerAwait.eventually;
import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciler end to end: a real kube-apiserver, the operator in-process, the emulator over
 * HTTP. Every test asserts on Devcaster's remote state, not only on the resource.
 */
class TriggerReconcileIT extends EndToEndTest {

    static final String KEY = "key-team-a";

    @Override
    protected String apiKey() {
        return KEY;
    }

    static Trigger githubCommits(String name, String user) {
        return githubCommits(name, user, "api");
    }

    @Test
    void createdTriggerBecomesReadyWithTheRemoteIdInAnnotationAndStatus() {
        ConnectedAccount acct = account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("commits", "alice"));

            Trigger t = triggers.ready("commits");

            assertThat(remote()).singleElement().satisfies(i -> {
                assertThat(i.slug()).isEqualTo("GITHUB_COMMIT_EVENT");
                assertThat(i.connectedAccountId()).isEqualTo(acct.id());
                assertThat(i.config()).containsEntry("owner", "acme").containsEntry("repo", "api");
                assertThat(i.enabled()).isTrue();
                assertThat(t.getStatus().getTriggerId()).isEqualTo(i.id());
                // Before the create: the finalizer and the identity of what was about to be created.
                assertThat(t.getMetadata().getFinalizers()).containsExactly("triggers.devcaster.dev/finalizer");
                assertThat(t.getMetadata().getAnnotations().get("devcaster.dev/remote-identity"))
                    .startsWith("v1:" + t.getStatus().getProject() + ":GITHUB_COMMIT_EVENT:" + acct.id() + ":");
            });
            assertThat(t.getStatus().getConnectedAccountId()).isEqualTo(acct.id());
            assertThat(t.getStatus().getToolkit()).isEqualTo("github");
            assertThat(t.getStatus().getToolkitVersion()).isNotEqualTo("latest").matches("\\d{8}_\\d{2}");
            assertThat(t.getStatus().getState()).isEqualTo(TriggerState.Enabled);
            assertThat(t.getStatus().getObservedGeneration()).isEqualTo(t.getMetadata().getGeneration());
            assertThat(t.getStatus().getLastSyncedTime()).isNotBlank();
            assertThat(TriggerAwait.condition(t, "Stalled")).isEmpty();
            assertThat(events("commits")).anySatisfy(e -> {
                assertThat(e.getReason()).isEqualTo("Created");
                assertThat(e.getMessage()).contains(t.getStatus().getTriggerId()).contains(acct.id());
            });
        }
    }

    @Test
    void invalidConfigListsEveryFailingFieldAndNeverWritesRemotely() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            Trigger bad = trigger("bad-config", "GITHUB_COMMIT_EVENT", "alice");
            bad.getSpec().getTriggerConfig().put("owner", 42);
            apply(bad);

            Trigger t = triggers.reason("bad-config", "InvalidConfig");

            String message = TriggerAwait.ready(t).orElseThrow().getMessage();
            assertThat(message).contains("triggerConfig.repo: required").contains("triggerConfig.owner");
            assertThat(message).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(TriggerAwait.condition(t, "Stalled")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            assertThat(emulator.requestLog().count(UPSERT)).isZero();
            assertThat(remote()).isEmpty();
        }
    }

    @Test
    void unknownSlugIsReportedWithoutRemoteWrites() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(trigger("unknown", "GITHUB_NO_SUCH_EVENT", "alice"));

            Trigger t = triggers.reason("unknown", "UnknownTriggerType");

            assertThat(TriggerAwait.ready(t).orElseThrow().getMessage()).contains("GITHUB_NO_SUCH_EVENT");
            assertThat(emulator.requestLog().count(UPSERT)).isZero();
        }
    }

    @Test
    void userWithoutAccountBecomesReadyOnceAnAccountIsConnected() {
        try (var op = operator()) {
            apply(githubCommits("waits", "bob"));
            Trigger waiting = triggers.reason("waits", "ConnectedAccountNotFound");
            assertThat(TriggerAwait.ready(waiting).orElseThrow().getMessage()).contains("bob").contains("github");
            long generation = waiting.getMetadata().getGeneration();

            ConnectedAccount acct = account("bob", "github", AccountStatus.ACTIVE, 0);

            Trigger ready = triggers.ready("waits");
            assertThat(ready.getMetadata().getGeneration()).isEqualTo(generation);
            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.connectedAccountId()).isEqualTo(acct.id()));
        }
    }

    @Test
    void pinnedAccountOfAnotherToolkitIsRejected() {
        ConnectedAccount slack = account("alice", "slack", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            Trigger t = githubCommits("pinned", null);
            t.getSpec().setConnectedAccountId(slack.id());
            apply(t);

            Trigger seen = triggers.reason("pinned", "ConnectedAccountNotFound");

            assertThat(TriggerAwait.ready(seen).orElseThrow().getMessage()).contains(slack.id()).contains("slack").contains("github");
            assertThat(remote()).isEmpty();
        }
    }

    @Test
    void pinnedExpiredAccountIsNotActive() {
        ConnectedAccount expired = account("alice", "github", AccountStatus.EXPIRED, 5);
        try (var op = operator()) {
            Trigger t = githubCommits("expired", null);
            t.getSpec().setConnectedAccountId(expired.id());
            apply(t);

            Trigger seen = triggers.reason("expired", "ConnectedAccountNotActive");

            assertThat(TriggerAwait.ready(seen).orElseThrow().getMessage()).contains("EXPIRED");
            assertThat(remote()).isEmpty();
        }
    }

    @Test
    void userResolutionPicksTheNewestActiveAccount() {
        account("carol", "github", AccountStatus.ACTIVE, 60);
        ConnectedAccount newestActive = account("carol", "github", AccountStatus.ACTIVE, 30);
        account("carol", "github", AccountStatus.EXPIRED, 1);
        account("carol", "slack", AccountStatus.ACTIVE, 0);
        try (var op = operator()) {
            apply(githubCommits("newest", "carol"));

            Trigger t = triggers.ready("newest");

            assertThat(t.getStatus().getConnectedAccountId()).isEqualTo(newestActive.id());
            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.connectedAccountId()).isEqualTo(newestActive.id()));
        }
    }

    @Test
    void accountThatExpiresMovesTheTriggerToTheNewestActiveOneWithAnEvent() {
        ConnectedAccount first = account("dave", "github", AccountStatus.ACTIVE, 60);
        try (var op = operator()) {
            apply(githubCommits("moves", "dave"));
            triggers.ready("moves");
            ConnectedAccount newer = account("dave", "github", AccountStatus.ACTIVE, 0);
            // A newer account alone does not move a running trigger, not even on a full reconcile.
            Trigger edited = githubCommits("moves", "dave");
            edited.getSpec().getTriggerConfig().put("repo", "web");
            apply(edited);
            eventually().until(() -> triggers.get("moves").getStatus().getObservedGeneration() == 2L
                && "Synced".equals(TriggerAwait.ready(triggers.get("moves")).orElseThrow().getReason()));
            assertThat(triggers.get("moves").getStatus().getConnectedAccountId()).isEqualTo(first.id());

            project.setAccountStatus(first.id(), AccountStatus.EXPIRED);

            eventually().until(() -> newer.id().equals(triggers.get("moves").getStatus().getConnectedAccountId()));
            Trigger t = triggers.ready("moves");
            assertThat(remote()).singleElement().satisfies(i -> {
                assertThat(i.connectedAccountId()).isEqualTo(newer.id());
                assertThat(i.id()).isEqualTo(t.getStatus().getTriggerId());
            });
            assertThat(events("moves")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("ConnectedAccountChanged"));
        }
    }

    @ParameterizedTest
    @EnumSource(MatchKeyMode.class)
    void configChangeLeavesExactlyOneRemoteInstance(MatchKeyMode mode) {
        emulator.faults().matchKeyMode(mode);
        account("erin", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("changes", "erin"));
            String firstId = triggers.ready("changes").getStatus().getTriggerId();

            Trigger changed = githubCommits("changes", "erin");
            changed.getSpec().getTriggerConfig().put("repo", "web");
            apply(changed);

            eventually().until(() -> {
                Trigger t = triggers.get("changes");
                return t.getStatus().getObservedGeneration() == 2L && "web".equals(
                    remote().stream().filter(i -> i.id().equals(t.getStatus().getTriggerId())).findFirst()
                        .map(i -> i.config().get("repo")).orElse(null));
            });
            Trigger t = triggers.ready("changes");
            assertThat(remote()).singleElement().satisfies(i -> {
                assertThat(i.config()).containsEntry("repo", "web");
                assertThat(i.id()).isEqualTo(t.getStatus().getTriggerId());
            });
            if (mode == MatchKeyMode.SLUG_AND_ACCOUNT) {
                assertThat(t.getStatus().getTriggerId()).isEqualTo(firstId);
                assertThat(events("changes")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Updated"));
            } else {
                assertThat(t.getStatus().getTriggerId()).isNotEqualTo(firstId);
                assertThat(events("changes")).anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("Replaced");
                    assertThat(e.getMessage()).contains(firstId).contains(t.getStatus().getTriggerId());
                });
            }
        }
    }

    @Test
    void enabledFlagDisablesAndEnablesTheRemoteTrigger() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("toggle", "alice"));
            triggers.ready("toggle");

            Trigger off = githubCommits("toggle", "alice");
            off.getSpec().setEnabled(false);
            apply(off);
            eventually().until(() -> triggers.get("toggle").getStatus().getState() == TriggerState.Disabled);
            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.enabled()).isFalse());
            triggers.ready("toggle");

            apply(githubCommits("toggle", "alice"));
            eventually().until(() -> triggers.get("toggle").getStatus().getState() == TriggerState.Enabled);
            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.enabled()).isTrue());
        }
    }

    @Test
    void triggerCreatedDisabledNeverRunsEnabledForLong() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            Trigger t = githubCommits("born-off", "alice");
            t.getSpec().setEnabled(false);
            apply(t);

            Trigger seen = triggers.ready("born-off");

            assertThat(seen.getStatus().getState()).isEqualTo(TriggerState.Disabled);
            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.enabled()).isFalse());
            assertThat(emulator.requestLog().count(UPSERT)).as("one create, then the disable").isEqualTo(1);
        }
    }

    @Test
    void deletionPolicyDeleteRemovesTheRemoteTriggerAndOrphanKeepsIt() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("goes", "alice"));
            Trigger orphan = githubCommits("stays", "alice");
            orphan.getSpec().getTriggerConfig().put("repo", "web");
            orphan.getSpec().setDeletionPolicy(DeletionPolicy.Orphan);
            apply(orphan);
            String goes = triggers.ready("goes").getStatus().getTriggerId();
            String stays = triggers.ready("stays").getStatus().getTriggerId();

            client.resources(Trigger.class).inNamespace(ns).withName("goes").delete();
            client.resources(Trigger.class).inNamespace(ns).withName("stays").delete();

            eventually().until(() -> triggers.get("goes") == null && triggers.get("stays") == null);
            assertThat(remote()).extracting(TriggerInstance::id).containsExactly(stays).doesNotContain(goes);
        }
    }

    @Test
    void namespaceAnnotationSetsTheDeletionPolicy() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        client.namespaces().withName(ns).edit(n -> {
            n.getMetadata().setAnnotations(Map.of("devcaster.dev/deletion-policy", "Orphan"));
            return n;
        });
        try (var op = operator()) {
            apply(githubCommits("ns-orphan", "alice"));
            String id = triggers.ready("ns-orphan").getStatus().getTriggerId();

            client.resources(Trigger.class).inNamespace(ns).withName("ns-orphan").delete();

            eventually().until(() -> triggers.get("ns-orphan") == null);
            assertThat(remote()).extracting(TriggerInstance::id).containsExactly(id);
        }
    }

    @Test
    void remoteOutageDuringDeleteKeepsTheFinalizerAndSaysWhy() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("outage", "alice"));
            triggers.ready("outage");
            emulator.faults().outage(true);

            client.resources(Trigger.class).inNamespace(ns).withName("outage").delete();

            Trigger waiting = triggers.reason("outage", "Deleting");
            assertThat(waiting.getMetadata().getFinalizers()).isNotEmpty();
            assertThat(TriggerAwait.ready(waiting).orElseThrow().getMessage()).contains("503");
            assertThat(remote()).hasSize(1);

            emulator.faults().outage(false);
            eventually().until(() -> triggers.get("outage") == null);
            assertThat(remote()).isEmpty();
        }
    }

    @Test
    void triggerThatNeverReachedDevcasterIsDeletedWithoutRemoteCalls() {
        try (var op = operator()) {
            Trigger bad = trigger("never", "GITHUB_COMMIT_EVENT", "alice");
            apply(bad);
            triggers.reason("never", "InvalidConfig");
            emulator.faults().outage(true);

            client.resources(Trigger.class).inNamespace(ns).withName("never").delete();

            eventually().until(() -> triggers.get("never") == null);
        }
    }

    @Test
    void remoteTriggerDeletedOutOfBandIsRecreatedWithAnEvent() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("drift-delete", "alice"));
            String id = triggers.ready("drift-delete").getStatus().getTriggerId();

            project.deleteTrigger(id);

            eventually().until(() -> !id.equals(triggers.get("drift-delete").getStatus().getTriggerId()));
            Trigger t = triggers.ready("drift-delete");
            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(t.getStatus().getTriggerId()));
            assertThat(events("drift-delete")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Recreated"));
        }
    }

    @Test
    void remoteTriggerDisabledOutOfBandIsEnabledAgainWithAnEvent() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("drift-disable", "alice"));
            String id = triggers.ready("drift-disable").getStatus().getTriggerId();

            project.disableTrigger(id);

            eventually().until(() -> events("drift-disable").stream().anyMatch(e -> "Reenabled".equals(e.getReason())));
            assertThat(remote()).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo(id);
                assertThat(i.enabled()).isTrue();
            });
        }
    }

    @Test
    void remoteConfigChangedOutOfBandIsSetBack() {
        emulator.faults().matchKeyMode(MatchKeyMode.SLUG_AND_ACCOUNT);
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("drift-config", "alice"));
            String id = triggers.ready("drift-config").getStatus().getTriggerId();

            project.replaceTriggerConfig(id, Map.of("owner", "evil", "repo", "fork"));

            eventually().until(() -> remote().size() == 1 && "acme".equals(remote().get(0).config().get("owner")));
            eventually().until(() -> events("drift-config").stream().anyMatch(e -> "DriftCorrected".equals(e.getReason())));
            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(id));
        }
    }

    @Test
    void quietResyncMakesNoStatusWrite() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("quiet", "alice"));
            String version = triggers.ready("quiet").getMetadata().getResourceVersion();
            long upserts = emulator.requestLog().count(UPSERT);
            double checks = driftChecks(op);
            double reconciles = reconcilesStarted(op);

            // Several resync periods (2s) pass; nothing changed, so nothing is written anywhere.
            eventually().during(java.time.Duration.ofSeconds(5)).until(() ->
                version.equals(triggers.get("quiet").getMetadata().getResourceVersion()));
            assertThat(emulator.requestLog().count(UPSERT)).isEqualTo(upserts);
            assertThat(driftChecks(op)).as("the drift sweep confirmed it every period").isGreaterThanOrEqualTo(checks + 2);
            assertThat(reconcilesStarted(op)).as("an in-sync Trigger costs no reconcile").isEqualTo(reconciles);
        }
    }

    @Test
    void statusOnlyChangeCausesNoRemoteCall() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operatorBuilder()
            .env("RESYNC_PERIOD", "10m").start()) {
            apply(githubCommits("status-only", "alice"));
            triggers.ready("status-only");
            // Let the operator's own writes (status, annotation) settle first.
            eventually().during(java.time.Duration.ofSeconds(2)).until(() -> true);
            double reconciles = reconcilesStarted(op);
            emulator.requestLog().clear();

            client.resources(Trigger.class).inNamespace(ns).withName("status-only").editStatus(t -> {
                t.getStatus().setLastSyncedTime("2020-01-01T00:00:00Z");
                return t;
            });

            eventually().during(java.time.Duration.ofSeconds(3)).until(() ->
                emulator.requestLog().entries().isEmpty() && reconcilesStarted(op) == reconciles);
            assertThat(triggers.get("status-only").getStatus().getLastSyncedTime()).isEqualTo("2020-01-01T00:00:00Z");
        }
    }

    @Test
    void resyncReadsTheProjectPageByPageInsteadOfOncePerTrigger() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        int count = 6;
        try (var op = operator()) {
            for (int i = 0; i < count; i++) {
                Trigger t = githubCommits("many-" + i, "alice");
                t.getSpec().getTriggerConfig().put("repo", "repo-" + i);
                apply(t);
            }
            for (int i = 0; i < count; i++) {
                triggers.ready("many-" + i);
            }
            emulator.requestLog().clear();

            // At least two resync periods (2s each) for all six Triggers.
            eventually().during(java.time.Duration.ofSeconds(5)).until(() -> true);

            var counters = emulator.requestLog().counters();
            assertThat(counters.getOrDefault("GET /api/v3/connected_accounts/{id}", 0L)).isZero();
            assertThat(counters.getOrDefault(UPSERT, 0L)).isZero();
            // Per-Trigger reads would be >= 6 Triggers x 2 resyncs; the shared snapshot is one
            // list call per page per snapshot age (1s here).
            assertThat(counters.getOrDefault("GET /api/v3/trigger_instances/active", 0L)).isLessThan(count * 2);
            assertThat(counters.getOrDefault("GET /api/v3/connected_accounts", 0L)).isLessThan(count * 2);
        }
    }

    @Test
    void triggerRestoredWithoutStatusReattachesToItsInstance() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        String id;
        try (var op = operator()) {
            apply(githubCommits("restored", "alice"));
            id = triggers.ready("restored").getStatus().getTriggerId();
        }
        // Backup/restore or a GitOps re-create: same spec, no status, no annotation, no finalizer.
        Trigger gone = triggers.get("restored");
        gone.getMetadata().setFinalizers(List.of());
        client.resource(gone).update();
        client.resources(Trigger.class).inNamespace(ns).withName("restored").delete();
        eventually().until(() -> triggers.get("restored") == null);
        apply(githubCommits("restored", "alice"));

        try (var op = operator()) {
            Trigger t = triggers.ready("restored");

            assertThat(t.getStatus().getTriggerId()).isEqualTo(id);
            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(id));
            assertThat(events("restored")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Adopted"));
        }
    }

    @Test
    void secondTriggerForTheSameInstanceGetsConflictAndNeverTouchesIt() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("owner", "alice"));
            String id = triggers.ready("owner").getStatus().getTriggerId();
            apply(githubCommits("twin", "alice"));

            Trigger twin = triggers.reason("twin", "Conflict");
            assertThat(TriggerAwait.ready(twin).orElseThrow().getMessage()).contains(ns + "/owner");
            assertThat(twin.getStatus().getTriggerId()).isNull();

            client.resources(Trigger.class).inNamespace(ns).withName("twin").delete();
            eventually().until(() -> triggers.get("twin") == null);
            assertThat(remote()).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo(id);
                assertThat(i.enabled()).isTrue();
            });
        }
    }

    @Test
    void underSlugAndAccountMatchingASecondTriggerGetsConflictAndStopsWriting() {
        emulator.faults().matchKeyMode(MatchKeyMode.SLUG_AND_ACCOUNT);
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("first", "alice"));
            String id = triggers.ready("first").getStatus().getTriggerId();
            Trigger other = githubCommits("second", "alice");
            other.getSpec().getTriggerConfig().put("repo", "web");
            apply(other);

            Trigger second = triggers.reason("second", "Conflict");
            assertThat(TriggerAwait.ready(second).orElseThrow().getMessage()).contains(ns + "/first");

            // The owner sets its config back and the second Trigger does not write it again.
            eventually().until(() -> "api".equals(remote().get(0).config().get("repo")));
            long upserts = emulator.requestLog().count(UPSERT);
            eventually().during(java.time.Duration.ofSeconds(4)).until(() ->
                remote().size() == 1 && "api".equals(remote().get(0).config().get("repo")));
            assertThat(emulator.requestLog().count(UPSERT)).isEqualTo(upserts);
            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(id));
        }
    }

    @Test
    void pausedTriggerMakesNoRemoteCalls() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            Trigger t = githubCommits("paused", "alice");
            t.getMetadata().setAnnotations(Map.of("devcaster.dev/paused", "true"));
            apply(t);

            triggers.reason("paused", "Paused");
            eventually().during(java.time.Duration.ofSeconds(3)).until(() -> emulator.requestLog().entries().isEmpty());

            client.resources(Trigger.class).inNamespace(ns).withName("paused").edit(p -> {
                p.getMetadata().getAnnotations().remove("devcaster.dev/paused");
                return p;
            });
            triggers.ready("paused");
            assertThat(remote()).hasSize(1);
        }
    }

    @Test
    void rateLimitIsHonouredAndReported() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        emulator.faults().rateLimitNext(1000, true);
        try (var op = operator()) {
            apply(githubCommits("limited", "alice"));

            Trigger t = triggers.reason("limited", "RateLimited");
            // The emulator's injected 429 says Retry-After: 1.
            assertThat(TriggerAwait.ready(t).orElseThrow().getMessage()).contains("retrying in 1s");
            assertThat(TriggerAwait.condition(t, "Reconciling")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            // Retry-After is honoured: a handful of attempts, not a tight loop.
            long attempts = emulator.requestLog().entries().size();
            eventually().during(java.time.Duration.ofSeconds(2)).until(() -> emulator.requestLog().entries().size() <= attempts + 4);

            emulator.faults().clear();
            triggers.ready("limited");
            assertThat(remote()).hasSize(1);
        }
    }

    @Test
    void rateLimitWithoutRetryAfterBacksOff() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        emulator.faults().rateLimitNext(1000, false);
        try (var op = operator()) {
            apply(githubCommits("limited-bare", "alice"));

            Trigger t = triggers.reason("limited-bare", "RateLimited");

            assertThat(TriggerAwait.ready(t).orElseThrow().getMessage()).contains("no Retry-After");
            emulator.faults().clear();
            triggers.ready("limited-bare");
            assertThat(remote()).hasSize(1);
        }
    }

    @Test
    void aCreatedOrRotatedSecretIsPickedUpByTheTriggersThatUseIt() {
        Project other = emulator.project("key-rotated");
        other.addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
        // Secrets are read by name, never watched: a Trigger waiting on one looks again every recheck period.
        try (var op = RunningOperator.builder(client, ns, emulator.baseUrl()).start()) {
            Trigger t = githubCommits("rotates", "alice");
            t.getSpec().setCredentialsSecretRef(new SecretKeyRef("devcaster", "apiKey"));
            apply(t);
            Trigger missing = triggers.reason("rotates", "CredentialsNotFound");
            assertThat(TriggerAwait.ready(missing).orElseThrow().getMessage()).contains("devcaster");

            client.secrets().inNamespace(ns).resource(apiKeySecret("devcaster", "key-nobody-knows")).serverSideApply();
            triggers.reason("rotates", "CredentialsRejected");

            client.secrets().inNamespace(ns).resource(apiKeySecret("devcaster", "key-rotated")).serverSideApply();
            triggers.ready("rotates");
            assertThat(other.triggers()).hasSize(1);
            assertThat(remote()).isEmpty();
        }
    }

    @Test
    void apiKeyThatCannotBeAHeaderIsReportedWithoutItsValue() {
        try (var op = RunningOperator.builder(client, ns, emulator.baseUrl()).start()) {
            client.secrets().inNamespace(ns).resource(apiKeySecret("multi-line", "dk_first_line\nhidden_second_line")).serverSideApply();
            Trigger t = githubCommits("bad-key", "alice");
            t.getSpec().setCredentialsSecretRef(new SecretKeyRef("multi-line", "apiKey"));
            apply(t);

            Trigger seen = triggers.reason("bad-key", "CredentialsNotFound");

            assertThat(TriggerAwait.ready(seen).orElseThrow().getMessage()).contains("multi-line")
                .doesNotContain("hidden_second_line").doesNotContain("dk_first_line");
            assertThat(events("bad-key")).noneSatisfy(e -> assertThat(e.getMessage()).contains("hidden_second_line"));
            assertThat(emulator.requestLog().entries()).isEmpty();
        }
    }

    @Test
    void perNamespaceCredentialsIsolateProjects() {
        Project teamB = emulator.project("key-team-b");
        account("alice", "github", AccountStatus.ACTIVE, 5);
        teamB.addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
        client.secrets().inNamespace(ns).resource(apiKeySecret("creds", KEY)).serverSideApply();
        try (var op = RunningOperator.builder(client, ns, emulator.baseUrl()).start()) {
            Trigger a = githubCommits("team-a", "alice");
            a.getSpec().setCredentialsSecretRef(new SecretKeyRef("creds", "apiKey"));
            apply(a);
            triggers.ready("team-a");
        }
        // Same name, same spec, another namespace with another key: another project.
        String nsB = ns + "-b";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(nsB).endMetadata().build()).create();
        client.secrets().inNamespace(nsB).resource(apiKeySecret("creds", "key-team-b")).serverSideApply();
        try (var op = RunningOperator.builder(client, nsB, emulator.baseUrl()).start()) {
            Trigger b = githubCommits("team-a", "alice");
            b.getSpec().setCredentialsSecretRef(new SecretKeyRef("creds", "apiKey"));
            client.resources(Trigger.class).inNamespace(nsB).resource(b).serverSideApply();
            new TriggerAwait(client, nsB).ready("team-a");
        }
        assertThat(remote()).hasSize(1);
        assertThat(teamB.triggers()).hasSize(1);
        assertThat(remote().get(0).id()).isNotEqualTo(teamB.triggers().get(0).id());
    }

    @Test
    void crashBetweenRemoteCreateAndStatusWriteLeavesExactlyOneInstance() throws Exception {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        var upserted = new java.util.concurrent.CountDownLatch(1);
        var crashed = operatorBuilder()
            .afterUpsert((trigger, id) -> {
                upserted.countDown();
                // The process "dies" here: this reconcile never gets to record anything.
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("operator stopped");
                }
            })
            .start();
        apply(githubCommits("crash", "alice"));
        assertThat(upserted.await(45, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        crashed.close();
        assertThat(remote()).hasSize(1);
        assertThat(triggers.get("crash").getStatus() == null || triggers.get("crash").getStatus().getTriggerId() == null).isTrue();

        try (var op = operator()) {
            Trigger t = triggers.ready("crash");

            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(t.getStatus().getTriggerId()));
        }
    }

    static double driftChecks(RunningOperator op) {
        var counter = op.registry().find("devcaster.drift.checks").tag("result", "in_sync").counter();
        return counter == null ? 0 : counter.count();
    }

    static double reconcilesStarted(RunningOperator op) {
        return op.registry().find("operator.sdk.reconciliations.started").counters().stream()
            .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }
}
