package dev.devcaster.operator.ownership;

import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.kubernetes.Requeue;
import dev.devcaster.operator.remote.OwnershipGuard;
import dev.devcaster.operator.remote.RemoteIdentity;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerConditions;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.operator.trigger.TriggerStatus;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class TriggerOwnershipTest {

    private static final DevcasterCredentials KEY = new DevcasterCredentials(URI.create("http://devcaster.test"),
        "key-ownership");
    private static final String PROJECT = KEY.fingerprint();
    private static final String API = "00000000000000aa";
    private static final String WEB = "00000000000000bb";

    private final InMemoryTriggerCache cache = new InMemoryTriggerCache();
    private final Requeue requeue = mock(Requeue.class);
    private final TriggerOwnership ownership = new TriggerOwnership(requeue);
    private final OwnershipGuard guard = ownership.guard();

    TriggerOwnershipTest() {
        ownership.attach(cache);
    }

    static RemoteIdentity identity(String account, String configHash) {
        return new RemoteIdentity(PROJECT, "GITHUB_COMMIT_EVENT", account, configHash);
    }

    /** A Trigger created at that minute, which declared {@code declared} and, if {@code recordedId}, holds it. */
    Trigger cached(String namespace, String name, int createdMinute, RemoteIdentity declared, String recordedId) {
        Trigger t = trigger(name, "GITHUB_COMMIT_EVENT", "alice");
        t.getMetadata().setNamespace(namespace);
        t.getMetadata().setUid("uid-" + namespace + "-" + name);
        t.getMetadata().setCreationTimestamp(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * createdMinute)
            .toString());
        t.getMetadata().setAnnotations(new HashMap<>());
        if (declared != null) {
            t.getMetadata().getAnnotations().put(TriggerAnnotations.REMOTE_IDENTITY,
                declared.format(KEY, t.getMetadata().getUid()));
        }
        t.setStatus(new TriggerStatus());
        if (recordedId != null) {
            t.getStatus().setTriggerId(recordedId);
            t.getStatus().setProject(PROJECT);
            t.getStatus().setConnectedAccountId(declared.connectedAccountId());
            t.getStatus().setConditions(TriggerConditions.next(List.of(), ReadyReason.Synced, "ok", 1, Instant.now()));
        }
        cache.add(t);
        return t;
    }

    @Test
    void anInstanceATriggerRecordsIsItsOwnEvenAgainstAnOlderTrigger() {
        cached("team-a", "owner", 5, identity("ca_1", API), "ti_1");
        Trigger older = cached("team-a", "older", 1, identity("ca_1", WEB), null);

        assertThatThrownBy(() -> guard.requireOwner(older, "ti_1"))
            .isInstanceOfSatisfying(TriggerProblem.class, p -> {
                assertThat(p.reason()).isEqualTo(ReadyReason.Conflict);
                assertThat(p.getMessage()).contains("Trigger team-a/owner");
            });
    }

    @Test
    void whenTwoRecordTheSameInstanceTheOlderKeepsItAndTheOtherLetsGo() {
        Trigger older = cached("team-a", "older", 1, identity("ca_1", API), "ti_1");
        Trigger younger = cached("team-a", "younger", 2, identity("ca_1", API), "ti_1");

        assertThatCode(() -> guard.requireOwner(older, "ti_1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.requireOwner(younger, "ti_1"))
            .isInstanceOfSatisfying(TriggerProblem.class, p -> assertThat(p.releasesRecordedId()).isTrue());
        assertThat(ownership.keeperOtherThan(younger, "ti_1")).containsSame(older);
        assertThat(ownership.keeperOtherThan(older, "ti_1")).isEmpty();
    }

    @Test
    void aTwinOfATriggerThatHoldsTheInstanceIsInConflictBeforeItWrites() {
        cached("team-a", "holder", 5, identity("ca_1", API), "ti_1");
        Trigger olderTwin = cached("team-a", "twin", 1, null, null);

        assertThatThrownBy(() -> guard.requireNoTwin(olderTwin, identity("ca_1", API), KEY))
            .isInstanceOfSatisfying(TriggerProblem.class, p -> assertThat(p.reason()).isEqualTo(ReadyReason.Conflict));
    }

    @Test
    void aDeclarationThatKeyDidNotSignMakesNoTwin() {
        Trigger forger = cached("team-b", "forger", 1, null, null);
        // Claims this project's identity, signed with a key the forger holds (another project's).
        String forged = identity("ca_1", API).format(KEY, "uid-team-b-forger").replaceFirst(":[0-9a-f]{16}$",
            ":0123456789abcdef");
        forger.getMetadata().getAnnotations().put(TriggerAnnotations.REMOTE_IDENTITY, forged);
        Trigger younger = cached("team-a", "younger", 2, null, null);

        assertThatCode(() -> guard.requireNoTwin(younger, identity("ca_1", API), KEY)).doesNotThrowAnyException();
    }

    @Test
    void aDeclarationCopiedFromAnotherTriggerMakesNoTwin() {
        Trigger copier = cached("team-b", "copier", 1, null, null);
        Trigger original = cached("team-a", "original", 3, identity("ca_1", API), null);
        copier.getMetadata().getAnnotations().put(TriggerAnnotations.REMOTE_IDENTITY,
            original.getMetadata().getAnnotations().get(TriggerAnnotations.REMOTE_IDENTITY));
        Trigger younger = cached("team-a", "younger", 4, null, null);

        assertThatCode(() -> guard.requireNoTwin(original, identity("ca_1", API), KEY)).as("the copy is no older twin")
            .doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.requireNoTwin(younger, identity("ca_1", API), KEY)).isInstanceOf(TriggerProblem.class);
    }

    @Test
    void betweenTwinsThatHoldNothingYetTheOlderGoesFirst() {
        Trigger older = cached("team-a", "older", 1, identity("ca_1", API), null);
        Trigger younger = cached("team-a", "younger", 2, identity("ca_1", API), null);

        assertThatCode(() -> guard.requireNoTwin(older, identity("ca_1", API), KEY)).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.requireNoTwin(younger, identity("ca_1", API), KEY)).isInstanceOf(TriggerProblem.class);
    }

    @Test
    void anotherConfigOrAccountIsNoTwinUntilTheServerIsKnownToUpdateInPlace() {
        cached("team-a", "holder", 1, identity("ca_1", API), "ti_1");
        Trigger otherConfig = cached("team-a", "other-config", 2, null, null);
        Trigger otherAccount = cached("team-a", "other-account", 3, null, null);

        assertThatCode(() -> guard.requireNoTwin(otherConfig, identity("ca_1", WEB), KEY)).doesNotThrowAnyException();
        assertThatCode(() -> guard.requireNoTwin(otherAccount, identity("ca_2", API), KEY)).doesNotThrowAnyException();

        guard.learnedInPlaceUpdates(PROJECT);

        assertThatThrownBy(() -> guard.requireNoTwin(otherConfig, identity("ca_1", WEB), KEY)).isInstanceOf(TriggerProblem.class);
        assertThatCode(() -> guard.requireNoTwin(otherAccount, identity("ca_2", API), KEY)).doesNotThrowAnyException();
    }

    @Test
    void anUpsertAnsweringAnotherTriggersInstanceIsAConflictAndThatTriggerLooksAgain() {
        Trigger holder = cached("team-a", "holder", 1, identity("ca_1", API), "ti_1");
        Trigger other = cached("team-a", "other", 2, identity("ca_1", WEB), null);

        assertThatThrownBy(() -> guard.requireOwnerAfterUpsert(other, "ti_1", identity("ca_1", WEB), KEY))
            .isInstanceOf(TriggerProblem.class);

        verify(requeue).now(holder); // its instance may have been rewritten: it looks now, not at its next sweep
        assertThatThrownBy(() -> guard.requireNoTwin(other, identity("ca_1", WEB), KEY))
            .as("the server was seen updating in place: same slug and account are twins now")
            .isInstanceOf(TriggerProblem.class);
    }

    @Test
    void theOwnerOfAnotherNamespaceIsNotNamed() {
        cached("team-a", "secret-project", 1, identity("ca_1", API), "ti_1");
        Trigger tenantB = cached("team-b", "curious", 2, identity("ca_1", API), null);

        assertThatThrownBy(() -> guard.requireOwner(tenantB, "ti_1"))
            .isInstanceOfSatisfying(TriggerProblem.class, p -> assertThat(p.getMessage())
                .contains("a Trigger in another namespace").doesNotContain("team-a").doesNotContain("secret-project"));
    }

    @Test
    void twoTriggersRecordingOneInstanceAreBothAskedToLookAgain() {
        Trigger first = cached("team-a", "first", 1, identity("ca_1", API), "ti_1");
        Trigger alone = cached("team-a", "alone", 2, identity("ca_2", API), "ti_2");

        ownership.recorded(alone);
        verify(requeue, never()).now(alone);

        Trigger second = cached("team-a", "second", 3, identity("ca_1", API), "ti_1");
        ownership.recorded(second);
        verify(requeue).now(first);
        verify(requeue).now(second);
    }
}
