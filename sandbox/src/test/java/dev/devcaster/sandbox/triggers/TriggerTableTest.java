package dev.devcaster.sandbox.triggers;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerTableTest {

    private static final List<TriggerSnapshot> TRIGGERS = List.of(
        new TriggerSnapshot("broken-config", "GITHUB_COMMIT_EVENT", "alice", null, null, "False", "InvalidConfig",
            "config does not match: triggerConfig.repo: required", true, true, true),
        new TriggerSnapshot("slack-messages", "SLACK_RECEIVE_MESSAGE", null, "ti_abc", "Enabled", "True", "Synced",
            "remote trigger ti_abc is Enabled on connected account ca_alice_slack", true, false, true));

    @Test
    void alignsColumnsLikeKubectlAndShowsMissingValuesAsDash() {
        assertThat(TriggerTable.render(TRIGGERS)).containsExactly(
            "NAME            SLUG                   USER   TRIGGER ID  STATE    READY  REASON",
            "broken-config   GITHUB_COMMIT_EVENT    alice  -           -        False  InvalidConfig",
            "slack-messages  SLACK_RECEIVE_MESSAGE  -      ti_abc      Enabled  True   Synced");
    }

    @Test
    void dropsTheTriggerIdThenTheSlugWhenTheTerminalIsNarrow() {
        assertThat(TriggerTable.render(TRIGGERS, 80).get(0)).isEqualTo("NAME            SLUG                   USER   STATE    READY  REASON");
        assertThat(TriggerTable.render(TRIGGERS, 60).get(0)).isEqualTo("NAME            USER   STATE    READY  REASON");
        assertThat(TriggerTable.render(TRIGGERS, 0)).isEqualTo(TriggerTable.render(TRIGGERS));
    }

    @Test
    void messagesAreAlignedByName() {
        assertThat(TriggerTable.messages(TRIGGERS)).containsExactly(
            "  broken-config   config does not match: triggerConfig.repo: required",
            "  slack-messages  remote trigger ti_abc is Enabled on connected account ca_alice_slack");
    }

    @Test
    void expectationsFollowTheFolder() {
        Expectation invalid = Expectation.forManifest("broken-config", java.nio.file.Path.of("examples/invalid/x.yaml"));
        Expectation valid = Expectation.forManifest("slack-messages", java.nio.file.Path.of("examples/triggers/x.yaml"));
        assertThat(invalid.shouldFail()).isTrue();
        assertThat(invalid.mismatch(TRIGGERS.get(0))).isEmpty();
        assertThat(valid.mismatch(TRIGGERS.get(1))).isEmpty();
        assertThat(valid.mismatch(TRIGGERS.get(0))).hasValueSatisfying(m -> assertThat(m).contains("meant to be Ready"));
    }
}
