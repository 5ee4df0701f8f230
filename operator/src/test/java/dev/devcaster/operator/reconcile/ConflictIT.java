package dev.devcaster.operator.reconcile;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.operator.testing.TriggerAwait;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.devcaster.operator.testing.TriggerAwait.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** Two Triggers, one remote trigger: one keeps it, the other says Conflict and touches nothing. */
class ConflictIT extends EndToEndTest {

    @Override
    protected String apiKey() {
        return "key-conflicts";
    }

    static String reason(Trigger t) {
        return TriggerAwait.ready(t).map(c -> c.getReason()).orElse("-");
    }

    @Test
    void aConflictClearsOnceTheTriggerNoLongerMapsToTheOwnersInstance() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("owner", "alice", "api"));
            String owned = triggers.ready("owner").getStatus().getTriggerId();
            apply(githubCommits("twin", "alice", "api"));
            Trigger twin = triggers.reason("twin", "Conflict");
            assertThat(TriggerAwait.ready(twin).orElseThrow().getMessage()).contains("Trigger " + ns + "/owner");

            apply(githubCommits("twin", "alice", "web"));

            Trigger own = triggers.ready("twin");
            assertThat(own.getStatus().getTriggerId()).isNotEqualTo(owned);
            assertThat(remote()).extracting(TriggerInstance::id)
                .containsExactlyInAnyOrder(owned, own.getStatus().getTriggerId());
        }
    }

    @Test
    void aConflictWithAnotherNamespaceDoesNotNameIt() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        String other = ns + "-b";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(other).endMetadata().build())
            .create();
        try (var op = operatorBuilder().set(Settings.WATCH_NAMESPACES, ns + "," + other)
            .set(Settings.DEFAULT_API_KEY_NAMESPACES, ns + "," + other).start()) {
            apply(githubCommits("team-a-secret-name", "alice", "api"));
            triggers.ready("team-a-secret-name");
            client.resources(Trigger.class).inNamespace(other).resource(githubCommits("curious", "alice", "api"))
                .serverSideApply();

            Trigger curious = new TriggerAwait(client, other).reason("curious", "Conflict");

            assertThat(TriggerAwait.ready(curious).orElseThrow().getMessage())
                .contains("a Trigger in another namespace").doesNotContain(ns).doesNotContain("team-a-secret-name");
        }
    }

    @Test
    void anOwnerNeverTakesNorDeletesAnInstanceAnotherTriggerRecords() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("first", "alice", "api"));
            String firstId = triggers.ready("first").getStatus().getTriggerId();
            apply(githubCommits("second", "alice", "web"));
            String secondId = triggers.ready("second").getStatus().getTriggerId();
            List<String> secondSeen = new CopyOnWriteArrayList<>();
            ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
            watch.scheduleAtFixedRate(() -> secondSeen.add(reason(triggers.get("second"))), 0, 100, TimeUnit.MILLISECONDS);
            try {
                apply(githubCommits("first", "alice", "web"));
                Trigger first = triggers.reason("first", "Conflict");
                assertThat(TriggerAwait.ready(first).orElseThrow().getMessage()).contains("Trigger " + ns + "/second");

                apply(githubCommits("first", "alice", "api"));
                triggers.ready("first");
            } finally {
                watch.shutdownNow();
            }

            assertThat(secondSeen).containsOnly("Synced");
            assertThat(triggers.get("second").getStatus().getTriggerId()).isEqualTo(secondId);
            assertThat(triggers.get("first").getStatus().getTriggerId()).isEqualTo(firstId);
            assertThat(remote()).extracting(TriggerInstance::id).containsExactlyInAnyOrder(firstId, secondId);
        }
    }

    @Test
    void twinsAppliedTogetherEndAsOneSyncedAndOneConflictWithoutWaitingForAResync() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operatorBuilder().set(Settings.RESYNC_PERIOD, "10m").set(Settings.RECHECK_PERIOD, "10m").start()) {
            apply(githubCommits("twin-a", "alice", "api"));
            apply(githubCommits("twin-b", "alice", "api"));

            eventually().atMost(Duration.ofSeconds(15)).until(() -> {
                List<String> reasons = List.of(reason(triggers.get("twin-a")), reason(triggers.get("twin-b")));
                return reasons.contains("Synced") && reasons.contains("Conflict");
            });

            assertThat(remote()).hasSize(1);
            Trigger loser = "Conflict".equals(reason(triggers.get("twin-a"))) ? triggers.get("twin-a")
                : triggers.get("twin-b");
            assertThat(loser.getStatus().getTriggerId()).isNull();
            delete(loser.getMetadata().getName());
            eventually().until(() -> triggers.get(loser.getMetadata().getName()) == null);
            assertThat(remote()).hasSize(1);
        }
    }
}
