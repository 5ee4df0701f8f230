package dev.devcaster.operator.ownership;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.remote.DesiredState;
import dev.devcaster.operator.remote.OwnershipGuard;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerConditions;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TriggerOwnershipTest {

    /** The schema default of the type: interval 1 when unset. */
    private static final UnaryOperator<ObjectNode> DEFAULTS = c -> {
        ObjectNode copy = c.deepCopy();
        if (!copy.has("interval")) {
            copy.put("interval", 1);
        }
        return copy;
    };

    private final List<Trigger> cache = new ArrayList<>();
    private final TriggerOwnership ownership = new TriggerOwnership();

    TriggerOwnershipTest() {
        ownership.attach(cache::stream);
    }

    Trigger cached(String name, int createdMinute, String recordedId, String account, String repo) {
        Trigger t = trigger(name, "GITHUB_COMMIT_EVENT", "alice");
        t.getMetadata().setNamespace("team-a");
        t.getMetadata().setUid("uid-" + name);
        t.getMetadata().setCreationTimestamp(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * createdMinute).toString());
        t.getSpec().getTriggerConfig().put("repo", repo);
        t.setStatus(new TriggerStatus());
        t.getStatus().setTriggerId(recordedId);
        t.getStatus().setConnectedAccountId(account);
        cache.add(t);
        return t;
    }

    static DesiredState desiredFor(Trigger t, String account) {
        return new DesiredState("GITHUB_COMMIT_EVENT", "github", "20250909_00", account,
            DEFAULTS.apply(t.getSpec().configOrEmpty()), true);
    }

    @Test
    void theOlderTriggerThatRecordsAnIdOwnsIt() {
        Trigger owner = cached("owner", 1, "ti_1", "ca_1", "api");
        Trigger younger = cached("younger", 2, "ti_1", "ca_1", "api");
        OwnershipGuard guard = ownership.guard(DEFAULTS);

        assertThat(ownership.olderClaimant(younger, "ti_1")).containsSame(owner);
        assertThat(ownership.olderClaimant(owner, "ti_1")).isEmpty();
        assertThatCode(() -> guard.requireOwner(owner, "ti_1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.requireOwner(younger, "ti_1"))
            .isInstanceOfSatisfying(TriggerProblem.class, p -> {
                assertThat(p.reason()).isEqualTo(ReadyReason.Conflict);
                assertThat(p.getMessage()).contains("team-a/owner");
            });
    }

    @Test
    void aYoungerTwinWithTheSameSlugAccountAndConfigIsInConflictBeforeItWrites() {
        cached("owner", 1, "ti_1", "ca_1", "api");
        Trigger twin = cached("twin", 2, null, null, "api");
        twin.getSpec().getTriggerConfig().put("interval", 1); // equal once defaults apply

        assertThatThrownBy(() -> ownership.guard(DEFAULTS).requireNoTwin(twin, desiredFor(twin, "ca_1")))
            .isInstanceOfSatisfying(TriggerProblem.class, p -> assertThat(p.reason()).isEqualTo(ReadyReason.Conflict));
    }

    @Test
    void anotherConfigOrAccountIsNoTwin() {
        cached("owner", 1, "ti_1", "ca_1", "api");
        Trigger otherRepo = cached("other-repo", 2, null, null, "web");
        Trigger otherAccount = cached("other-account", 3, null, null, "api");

        assertThatCode(() -> ownership.guard(DEFAULTS).requireNoTwin(otherRepo, desiredFor(otherRepo, "ca_1")))
            .doesNotThrowAnyException();
        assertThatCode(() -> ownership.guard(DEFAULTS).requireNoTwin(otherAccount, desiredFor(otherAccount, "ca_2")))
            .doesNotThrowAnyException();
    }

    @Test
    void anOlderTriggerIsNeverInConflictWithAYoungerOne() {
        Trigger older = cached("older", 1, null, null, "api");
        cached("younger", 2, "ti_1", "ca_1", "api");

        assertThatCode(() -> ownership.guard(DEFAULTS).requireNoTwin(older, desiredFor(older, "ca_1")))
            .doesNotThrowAnyException();
    }

    @Test
    void onceInConflictTheSameSlugAndAccountKeepItThere() {
        cached("owner", 1, "ti_1", "ca_1", "api");
        Trigger second = cached("second", 2, null, null, "web");
        second.getStatus().setConditions(TriggerConditions.next(List.of(), ReadyReason.Conflict, "x", 1, Instant.now()));

        assertThatThrownBy(() -> ownership.guard(DEFAULTS).requireNoTwin(second, desiredFor(second, "ca_1")))
            .isInstanceOf(TriggerProblem.class);
    }
}
