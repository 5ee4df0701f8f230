package dev.devcaster.plugin.manifests;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerNamesTest {

    private static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    @Test
    void slugUserAndTheEndOfTheId() {
        assertThat(TriggerNames.of(new TriggerNames.Parts("ti_ydanmmvuf94u", "GITHUB_COMMIT_EVENT", "alice")))
            .isEqualTo("github-commit-event-alice-vuf94u");
    }

    @Test
    void anyUserIdBecomesAValidLabelOfAtMost63Characters() {
        for (String user : List.of("Alice.Smith@Example.COM", "user-id-123435", "___", "x".repeat(300), "Ünïcødé 用户")) {
            String name = TriggerNames.of(new TriggerNames.Parts("ti_abcdef123456", "NOTION_PAGE_ADDED_TO_DATABASE", user));
            assertThat(name).matches(DNS_1123_LABEL).hasSizeLessThanOrEqualTo(63).endsWith("-123456");
        }
        assertThat(TriggerNames.of(new TriggerNames.Parts("ti_abcdef123456", "SLACK_RECEIVE_MESSAGE", null)))
            .isEqualTo("slack-receive-message-123456");
    }

    @Test
    void idsThatAreNotNameSafeAreHashedNotLowerCased() {
        String upper = TriggerNames.of(new TriggerNames.Parts("ti_AbC_dEf-123", "GMAIL_NEW_GMAIL_MESSAGE", "bob"));
        String lower = TriggerNames.of(new TriggerNames.Parts("ti_abc_def-123", "GMAIL_NEW_GMAIL_MESSAGE", "bob"));
        assertThat(upper).matches(DNS_1123_LABEL).isNotEqualTo(lower);
        assertThat(upper).isEqualTo(TriggerNames.of(new TriggerNames.Parts("ti_AbC_dEf-123", "GMAIL_NEW_GMAIL_MESSAGE", "bob")));
    }

    @Test
    void collidingShortNamesBothGetLongerOnesWhateverTheOrder() {
        var a = new TriggerNames.Parts("ti_aaaaaa111111", "GITHUB_COMMIT_EVENT", "alice");
        var b = new TriggerNames.Parts("ti_bbbbbb111111", "GITHUB_COMMIT_EVENT", "alice");
        var c = new TriggerNames.Parts("ti_cccccc222222", "GITHUB_COMMIT_EVENT", "alice");

        Map<String, String> names = TriggerNames.assign(List.of(a, b, c));

        assertThat(names).containsEntry(a.triggerId(), "github-commit-event-alice-aaaaaa111111")
            .containsEntry(b.triggerId(), "github-commit-event-alice-bbbbbb111111")
            .containsEntry(c.triggerId(), "github-commit-event-alice-222222");
        assertThat(TriggerNames.assign(List.of(c, b, a))).isEqualTo(names);
    }
}
