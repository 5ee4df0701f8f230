package dev.devcaster.operator.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.operator.client.ApiError;
import dev.devcaster.operator.client.ConflictException;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.NotFoundException;
import dev.devcaster.operator.client.Page;
import dev.devcaster.operator.client.RateLimitedException;
import dev.devcaster.operator.client.TransientException;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.TriggerInstanceQuery;
import dev.devcaster.operator.client.TriggerInstancesApi;
import dev.devcaster.operator.client.UpsertResult;
import dev.devcaster.operator.client.UpsertTriggerRequest;
import dev.devcaster.operator.kubernetes.Leadership;
import dev.devcaster.operator.kubernetes.LostLeadershipException;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.RemoteChange;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The create / keep / update / replace / adopt decisions of the remote sync, against a mocked API. */
class RemoteTriggerSyncTest {

    private static final DevcasterCredentials KEY = new DevcasterCredentials(URI.create("http://devcaster"), "dk_test");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "20250909_00";

    private final TriggerInstancesApi api = mock(TriggerInstancesApi.class);
    private final Leadership leadership = Leadership.always();
    private final RemoteTriggerSync sync = new RemoteTriggerSync(api, leadership, RemoteTriggerSync.AfterUpsert.NONE);
    private final List<String> calls = new ArrayList<>();
    private final List<RemoteChange> changes = new ArrayList<>();
    private final List<String> owned = new ArrayList<>();
    /** An instance another Trigger holds: the ownership check after the upsert refuses it. */
    private String ownerAfterUpsert;
    private final OwnershipGuard guard = new OwnershipGuard() {
        @Override
        public void requireOwner(Trigger trigger, String triggerId) {
            calls.add("owner " + triggerId);
        }

        @Override
        public void requireNoTwin(Trigger trigger, RemoteIdentity identity, DevcasterCredentials key) {
            calls.add("twin");
        }

        @Override
        public void requireOwnerAfterUpsert(Trigger trigger, String triggerId, RemoteIdentity identity,
                                            DevcasterCredentials key) {
            calls.add("owner-after " + triggerId);
            if (triggerId.equals(ownerAfterUpsert)) {
                throw new TriggerProblem(ReadyReason.Conflict, triggerId + " is another Trigger's");
            }
        }

        @Override
        public void learnedInPlaceUpdates(String project) {
            calls.add("in-place");
        }
    };

    static DesiredState desired(String repo, boolean enabled) {
        return new DesiredState("GITHUB_COMMIT_EVENT", "github", VERSION, "ca_1",
            JSON.createObjectNode().put("owner", "acme").put("repo", repo), enabled);
    }

    static TriggerInstance instance(String id, String account, String repo, boolean enabled) {
        return new TriggerInstance(id, "GITHUB_COMMIT_EVENT", account, "alice",
            JSON.valueToTree(Map.of("owner", "acme", "repo", repo)), null, null, enabled ? null : Instant.now());
    }

    void remote(TriggerInstance... instances) {
        when(api.list(eq(KEY), any(TriggerInstanceQuery.class), any()))
            .thenReturn(new Page<>(List.of(instances), null, 1, 1, instances.length));
    }

    void upsertAnswers(String id, boolean created) {
        when(api.upsert(eq(KEY), eq("GITHUB_COMMIT_EVENT"), any())).thenReturn(new UpsertResult(id, created));
    }

    RemoteTriggerSync.Result run(Trigger trigger, DesiredState desired, String recorded, boolean previouslyApplied) {
        return sync.sync(new RemoteTriggerSync.Plan(KEY, trigger, desired, Optional.ofNullable(recorded), VERSION,
            previouslyApplied), guard, identity -> calls.add("declare " + identity.format(KEY, "uid")), changes,
            owned::add);
    }

    List<String> reasons() {
        return changes.stream().map(RemoteChange::reason).toList();
    }

    @Test
    void aNewTriggerDeclaresItsIntentThenCreates() {
        upsertAnswers("ti_new", true);

        RemoteTriggerSync.Result r = run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), desired("api", true), null, false);

        assertThat(r.triggerId()).isEqualTo("ti_new");
        assertThat(r.wrote()).isTrue();
        assertThat(reasons()).containsExactly("Created");
        assertThat(calls).containsExactly("twin", "declare " + RemoteIdentity.of(KEY.fingerprint(),
            desired("api", true)).format(KEY, "uid"), "owner-after ti_new");
        verify(api, never()).list(any(), any(), any());
    }

    @Test
    void aMatchOfTheUpsertIsAnAdoption() {
        upsertAnswers("ti_existing", false);

        run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), desired("api", true), null, false);

        assertThat(reasons()).containsExactly("Adopted");
    }

    @Test
    void aRecordedInstanceThatMatchesIsLeftAlone() {
        remote(instance("ti_1", "ca_1", "api", true));

        RemoteTriggerSync.Result r = run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), desired("api", true), "ti_1", true);

        assertThat(r.wrote()).isFalse();
        assertThat(r.triggerId()).isEqualTo("ti_1");
        assertThat(calls).containsExactly("owner ti_1");
        verify(api, never()).upsert(any(), anyString(), any());
    }

    @Test
    void aNewToolkitVersionIsUpsertedEvenWhenNothingElseChanged() {
        remote(instance("ti_1", "ca_1", "api", true));
        upsertAnswers("ti_1", false);
        DesiredState atNewVersion = new DesiredState("GITHUB_COMMIT_EVENT", "github", "20260101_00", "ca_1",
            desired("api", true).config(), true);

        RemoteTriggerSync.Result r = run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), atNewVersion, "ti_1", false);

        assertThat(r.wrote()).isTrue();
        assertThat(reasons()).containsExactly("Updated");
        verify(api).upsert(eq(KEY), eq("GITHUB_COMMIT_EVENT"),
            eq(new UpsertTriggerRequest("ca_1", atNewVersion.config(), Map.of("github", "20260101_00"), null)));
    }

    @Test
    void aRecordedInstanceDeletedOutOfBandIsRecreated() {
        remote();
        upsertAnswers("ti_2", true);

        RemoteTriggerSync.Result r = run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), desired("api", true), "ti_1", true);

        assertThat(r.triggerId()).isEqualTo("ti_2");
        assertThat(reasons()).containsExactly("Recreated");
        assertThat(changes.get(0).drift()).isTrue();
    }

    @Test
    void driftedConfigIsSetBackInPlaceAndTeachesThatTheServerUpdatesInPlace() {
        remote(instance("ti_1", "ca_1", "evil", true));
        upsertAnswers("ti_1", false);

        RemoteTriggerSync.Result r = run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), desired("api", true), "ti_1", true);

        assertThat(r.triggerId()).isEqualTo("ti_1");
        assertThat(reasons()).containsExactly("DriftCorrected");
        assertThat(calls).contains("in-place");
        verify(api, never()).delete(any(), anyString());
    }

    @Test
    void aNewInstanceForAChangedConfigReplacesTheOldOneWhichIsDeletedFirst() {
        remote(instance("ti_1", "ca_1", "api", true));
        upsertAnswers("ti_2", true);

        RemoteTriggerSync.Result r = run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), desired("web", true), "ti_1", false);

        assertThat(r.triggerId()).isEqualTo("ti_2");
        assertThat(reasons()).containsExactly("Replaced");
        assertThat(changes.get(0).message()).contains("ti_1").contains("ti_2");
        InOrder order = inOrder(api);
        order.verify(api).upsert(eq(KEY), eq("GITHUB_COMMIT_EVENT"), any(UpsertTriggerRequest.class));
        order.verify(api).delete(KEY, "ti_1");
        assertThat(owned).containsExactly("ti_2");
    }

    @Test
    void aReplacementIsHandedOverForTheStatusEvenWhenALaterStepFails() {
        remote(instance("ti_1", "ca_1", "api", true));
        upsertAnswers("ti_2", true);
        doThrow(new RateLimitedException(new ApiError("PATCH /trigger_instances/manage/{id}", 429, "slow down", null,
            null, null, null), Optional.of(Duration.ofSeconds(1)), false)).when(api).disable(KEY, "ti_2");

        assertThatThrownBy(() -> run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), desired("web", false), "ti_1", false))
            .isInstanceOf(RateLimitedException.class);

        verify(api).delete(KEY, "ti_1");
        assertThat(owned).as("the new instance, recorded although the reconcile failed after the delete")
            .containsExactly("ti_2");
        assertThat(reasons()).containsExactly("Replaced");
    }

    @Test
    void aReplacementIsNotHandedOverWhileTheReplacedInstanceCouldNotBeDeleted() {
        remote(instance("ti_1", "ca_1", "api", true));
        upsertAnswers("ti_2", true);
        doThrow(new TransientException(new ApiError("DELETE /trigger_instances/manage/{id}", 503, "down", null, null,
            null, null), null)).when(api).delete(KEY, "ti_1");

        assertThatThrownBy(() -> run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), desired("web", true), "ti_1", false))
            .isInstanceOf(TransientException.class);

        assertThat(owned).as("the status keeps naming ti_1, which still exists").isEmpty();
    }

    @Test
    void anInstanceAnotherTriggerHoldsIsNeverHandedOver() {
        upsertAnswers("ti_theirs", false);
        ownerAfterUpsert = "ti_theirs";

        assertThatThrownBy(() -> run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), desired("api", true), null, false))
            .isInstanceOf(TriggerProblem.class);

        assertThat(owned).isEmpty();
    }

    @Test
    void aHintIsTakenOnlyWhenItsInstanceIsExactlyWhatTheTriggerDeclares() {
        Trigger t = trigger("t", "GITHUB_COMMIT_EVENT", "alice");
        t.getMetadata().setAnnotations(Map.of(TriggerAnnotations.TRIGGER_ID, "ti_hint"));
        remote(instance("ti_hint", "ca_1", "someone-elses-config", true));
        upsertAnswers("ti_new", true);

        run(t, desired("api", true), null, false);

        assertThat(reasons()).containsExactly("TriggerIdIgnored", "Created");
        verify(api, never()).delete(any(), anyString());
    }

    @Test
    void aMatchingHintIsAdoptedWithoutAnyWrite() {
        Trigger t = trigger("t", "GITHUB_COMMIT_EVENT", "alice");
        t.getMetadata().setAnnotations(Map.of(TriggerAnnotations.TRIGGER_ID, "ti_hint"));
        remote(instance("ti_hint", "ca_1", "api", true));

        RemoteTriggerSync.Result r = run(t, desired("api", true), null, false);

        assertThat(r.triggerId()).isEqualTo("ti_hint");
        assertThat(r.wrote()).isFalse();
        assertThat(reasons()).containsExactly("Adopted");
        assertThat(calls).containsExactly("owner ti_hint", "declare " + RemoteIdentity.of(KEY.fingerprint(),
            desired("api", true)).format(KEY, "uid"));
        verify(api, never()).upsert(any(), anyString(), any());
    }

    @Test
    void aDisabledTriggerIsDisabledAfterTheUpsertAndAConflictMeansAlreadyDisabled() {
        upsertAnswers("ti_new", true);
        doThrow(new ConflictException(new ApiError("PATCH /trigger_instances/manage/{id}", 409, "already", null, null,
            null, null))).when(api).disable(KEY, "ti_new");

        RemoteTriggerSync.Result r = run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), desired("api", false), null, false);

        assertThat(r.enabled()).isFalse();
        assertThat(reasons()).containsExactly("Created", "Disabled");
    }

    @Test
    void disabledOutOfBandIsEnabledAgain() {
        remote(instance("ti_1", "ca_1", "api", false));

        RemoteTriggerSync.Result r = run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), desired("api", true), "ti_1", true);

        assertThat(r.enabled()).isTrue();
        assertThat(reasons()).containsExactly("Reenabled");
        verify(api).enable(KEY, "ti_1");
        verify(api, never()).upsert(any(), anyString(), any());
    }

    @Test
    void nothingIsWrittenOnceTheLeaseIsLost() {
        leadership.lost();

        assertThatThrownBy(() -> run(trigger("t", "GITHUB_COMMIT_EVENT", "alice"), desired("api", true), null, false))
            .isInstanceOf(LostLeadershipException.class);
        assertThatThrownBy(() -> sync.deleteIfPresent(KEY, "ti_1")).isInstanceOf(LostLeadershipException.class);
        verifyNoInteractions(api);
    }

    @Test
    void deletingAnInstanceThatIsGoneCountsAsDone() {
        doThrow(new NotFoundException(new ApiError("DELETE /trigger_instances/manage/{id}", 404, "gone", null, null,
            null, null))).when(api).delete(KEY, "ti_gone");

        sync.deleteIfPresent(KEY, "ti_gone");

        verify(api).delete(KEY, "ti_gone");
    }
}
