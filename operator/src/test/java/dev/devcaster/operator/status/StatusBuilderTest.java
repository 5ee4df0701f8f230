package dev.devcaster.operator.status;

import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerState;
import dev.devcaster.operator.trigger.TriggerStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;

class StatusBuilderTest {

    private static final Instant NOW = Instant.parse("2026-02-02T10:00:00Z");

    static Trigger synced(long generation) {
        Trigger t = trigger("t", "GITHUB_COMMIT_EVENT", "alice");
        t.getMetadata().setGeneration(generation);
        TriggerStatus status = new TriggerStatus();
        status.setTriggerId("ti_old");
        status.setConnectedAccountId("ca_1");
        status.setDesiredHash("aaaa");
        status.setLastSyncedTime("2026-01-01T00:00:00Z");
        status.setState(TriggerState.Enabled);
        status.setConditions(TriggerConditions.next(List.of(), ReadyReason.Synced, "ok", generation,
            Instant.parse("2026-01-01T00:00:00Z")));
        t.setStatus(status);
        return t;
    }

    @Test
    void aProblemChangesOnlyConditionsAndGenerationAndKeepsTheRecordedTrigger() {
        Trigger t = synced(1);
        t.getMetadata().setGeneration(2L);

        TriggerStatus next = StatusBuilder.next(t, Outcome.of(ReadyReason.InvalidConfig, "bad"), NOW);

        assertThat(next.getTriggerId()).isEqualTo("ti_old");
        assertThat(next.getConnectedAccountId()).isEqualTo("ca_1");
        assertThat(next.getLastSyncedTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(next.getObservedGeneration()).isEqualTo(2L);
        assertThat(TriggerConditions.readyReasonIs(next, ReadyReason.InvalidConfig)).isTrue();
        assertThat(t.getStatus().getObservedGeneration()).as("the Trigger's own status is not touched").isNull();
    }

    @Test
    void anInstanceMadeBeforeAFailureIsRecordedButNotAsApplied() {
        Outcome failed = Outcome.of(ReadyReason.RateLimited, "429 after the replace")
            .owning(Optional.of(new Outcome.Owned("ti_new", "proj")));

        TriggerStatus next = StatusBuilder.next(synced(1), failed, NOW);

        assertThat(next.getTriggerId()).isEqualTo("ti_new");
        assertThat(next.getProject()).isEqualTo("proj");
        assertThat(next.getDesiredHash()).as("so the next reconcile compares, it does not assume").isEqualTo("aaaa");
        assertThat(next.getLastSyncedTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(TriggerConditions.readyReasonIs(next, ReadyReason.RateLimited)).isTrue();
        assertThat(Outcome.deferred(Duration.ofSeconds(1)).owning(Optional.of(new Outcome.Owned("ti_new", "proj")))
            .deferred()).as("reported, so the status records it").isFalse();
    }

    @Test
    void syncedRecordsTheRemoteTriggerAndItsProject() {
        Trigger t = synced(1);

        TriggerStatus next = StatusBuilder.next(t, Outcome.synced(new Outcome.Applied("ti_new", "0123456789ab", "ca_2",
            "github", "20250909_00", false, "bbbb", true), List.of()), NOW);

        assertThat(next.getTriggerId()).isEqualTo("ti_new");
        assertThat(next.getProject()).isEqualTo("0123456789ab");
        assertThat(next.getConnectedAccountId()).isEqualTo("ca_2");
        assertThat(next.getToolkit()).isEqualTo("github");
        assertThat(next.getToolkitVersion()).isEqualTo("20250909_00");
        assertThat(next.getState()).isEqualTo(TriggerState.Disabled);
        assertThat(next.getDesiredHash()).isEqualTo("bbbb");
        assertThat(next.getLastSyncedTime()).isEqualTo(NOW.toString());
    }

    @Test
    void aConfirmationWithoutWritesKeepsLastSyncedTime() {
        Trigger t = synced(1);

        TriggerStatus next = StatusBuilder.next(t, Outcome.synced(new Outcome.Applied("ti_old", "0123456789ab", "ca_1",
            "github", "20250909_00", true, "aaaa", false), List.of()), NOW);

        assertThat(next.getLastSyncedTime()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void aConflictOverTheRecordedInstanceLetsItGo() {
        TriggerStatus next = StatusBuilder.next(synced(1), Outcome.of(TriggerProblem.conflict("kept by another", true)),
            NOW);

        assertThat(next.getTriggerId()).isNull();
        assertThat(next.getProject()).isNull();
        assertThat(TriggerConditions.readyReasonIs(next, ReadyReason.Conflict)).isTrue();
    }
}
