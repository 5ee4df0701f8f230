package dev.devcaster.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerConditionsTest {

    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-01T00:05:00Z");

    @Test
    void syncedIsReadyAloneWaitAddsReconcilingFixAddsStalled() {
        assertThat(TriggerConditions.next(List.of(), ReadyReason.Synced, "ok", 1, T1))
            .extracting(Condition::getType, Condition::getStatus).containsExactly(tuple("Ready", "True"));
        assertThat(TriggerConditions.next(List.of(), ReadyReason.RemoteError, "503", 1, T1))
            .extracting(Condition::getType, Condition::getStatus)
            .containsExactly(tuple("Ready", "False"), tuple("Reconciling", "True"));
        assertThat(TriggerConditions.next(List.of(), ReadyReason.InvalidConfig, "bad", 1, T1))
            .extracting(Condition::getType, Condition::getStatus)
            .containsExactly(tuple("Ready", "False"), tuple("Stalled", "True"));
        assertThat(TriggerConditions.next(List.of(), ReadyReason.Paused, "paused", 1, T1))
            .extracting(Condition::getType, Condition::getStatus).containsExactly(tuple("Ready", "False"));
    }

    @Test
    void transitionTimeMovesOnlyWhenTheStatusOfTheConditionChanges() {
        List<Condition> invalid = TriggerConditions.next(List.of(), ReadyReason.InvalidConfig, "bad", 1, T1);

        List<Condition> otherProblem = TriggerConditions.next(invalid, ReadyReason.ConnectedAccountNotFound, "none", 2, T2);
        assertThat(otherProblem.get(0).getLastTransitionTime()).isEqualTo(T1.toString());
        assertThat(otherProblem.get(0).getReason()).isEqualTo("ConnectedAccountNotFound");
        assertThat(otherProblem.get(0).getObservedGeneration()).isEqualTo(2L);

        List<Condition> synced = TriggerConditions.next(otherProblem, ReadyReason.Synced, "ok", 2, T2);
        assertThat(synced.get(0).getLastTransitionTime()).isEqualTo(T2.toString());
    }

    @Test
    void longMessagesAreCut() {
        String message = "x".repeat(5000);

        Condition ready = TriggerConditions.next(List.of(), ReadyReason.RemoteRejected, message, 1, T1).get(0);

        assertThat(ready.getMessage()).hasSize(1024).endsWith("...");
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
