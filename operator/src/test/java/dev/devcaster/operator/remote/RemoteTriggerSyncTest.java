package dev.devcaster.operator.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.operator.client.ApiError;
import dev.devcaster.operator.client.ConflictException;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.NotFoundException;
import dev.devcaster.operator.client.Page;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.TriggerInstanceQuery;
import dev.devcaster.operator.client.TriggerInstancesApi;
import dev.devcaster.operator.client.UpsertResult;
import dev.devcaster.operator.client.UpsertTriggerRequest;
import dev.devcaster.operator.status.Correction;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerStatus;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The create / keep / update / replace decisions of the remote sync, against a mocked API. */
class RemoteTriggerSyncTest {

    private static final DevcasterCredentials KEY = new DevcasterCredentials(URI.create("http://devcaster"), "dk_test");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OwnershipGuard NO_CONFLICT = new OwnershipGuard() {
        @Override
        public void requireOwner(Trigger trigger, String triggerId) {
        }

        @Override
        public void requireNoTwin(Trigger trigger, DesiredState desired) {
        }
    };

    private final TriggerInstancesApi api = mock(TriggerInstancesApi.class);
    private final RemoteTriggerSync sync = new RemoteTriggerSync(api, RemoteTriggerSync.AfterUpsert.NONE);
    private final List<String> journal = new ArrayList<>();

    static DesiredState desired(String repo, boolean enabled) {
        return new DesiredState("GITHUB_COMMIT_EVENT", "github", "20250909_00", "ca_1",
            JSON.createObjectNode().put("owner", "acme").put("repo", repo), enabled);
    }

    static Trigger recording(String triggerId) {
        Trigger t = trigger("t", "GITHUB_COMMIT_EVENT", "alice");
        if (triggerId != null) {
            t.setStatus(new TriggerStatus());
            t.getStatus().setTriggerId(triggerId);
        }
        return t;
    }

    void remote(String id, String repo, boolean enabled) {
        TriggerInstance instance = new TriggerInstance(id, "GITHUB_COMMIT_EVENT", "ca_1", "alice",
            JSON.valueToTree(Map.of("owner", "acme", "repo", repo)), null, null, enabled ? null : Instant.now());
        when(api.list(eq(KEY), any(TriggerInstanceQuery.class), any())).thenReturn(new Page<>(List.of(instance), null, 1, 1, 1));
    }

    void nothingRemote() {
        when(api.list(eq(KEY), any(TriggerInstanceQuery.class), any())).thenReturn(new Page<>(List.of(), null, 1, 1, 0));
    }

    RemoteTriggerSync.Result run(Trigger trigger, DesiredState desired, boolean previouslyApplied) {
        return sync.sync(KEY, trigger, desired, previouslyApplied, NO_CONFLICT,
            (newId, replaced) -> journal.add(newId + "<-" + replaced));
    }

    @Test
    void withoutARecordedIdTheUpsertCreates() {
        when(api.upsert(eq(KEY), eq("GITHUB_COMMIT_EVENT"), any())).thenReturn(new UpsertResult("ti_new", true));

        RemoteTriggerSync.Result r = run(recording(null), desired("api", true), false);

        assertThat(r.triggerId()).isEqualTo("ti_new");
        assertThat(r.wrote()).isTrue();
        assertThat(r.corrections()).isEmpty();
        verify(api, never()).list(any(), any(), any());
    }

    @Test
    void aMatchOfTheUpsertIsAnAdoption() {
        when(api.upsert(eq(KEY), eq("GITHUB_COMMIT_EVENT"), any())).thenReturn(new UpsertResult("ti_existing", false));

        RemoteTriggerSync.Result r = run(recording(null), desired("api", true), false);

        assertThat(r.corrections()).extracting(Correction::reason).containsExactly("Adopted");
    }

    @Test
    void aRecordedInstanceThatMatchesIsLeftAlone() {
        remote("ti_1", "api", true);

        RemoteTriggerSync.Result r = run(recording("ti_1"), desired("api", true), true);

        assertThat(r.wrote()).isFalse();
        assertThat(r.triggerId()).isEqualTo("ti_1");
        verify(api, never()).upsert(any(), anyString(), any());
    }

    @Test
    void aRecordedInstanceDeletedOutOfBandIsRecreated() {
        nothingRemote();
        when(api.upsert(eq(KEY), eq("GITHUB_COMMIT_EVENT"), any())).thenReturn(new UpsertResult("ti_2", true));

        RemoteTriggerSync.Result r = run(recording("ti_1"), desired("api", true), true);

        assertThat(r.triggerId()).isEqualTo("ti_2");
        assertThat(r.corrections()).extracting(Correction::reason).containsExactly("Recreated");
        assertThat(journal).isEmpty();
    }

    @Test
    void driftedConfigIsSetBackInPlace() {
        remote("ti_1", "evil", true);
        when(api.upsert(eq(KEY), eq("GITHUB_COMMIT_EVENT"), any())).thenReturn(new UpsertResult("ti_1", false));

        RemoteTriggerSync.Result r = run(recording("ti_1"), desired("api", true), true);

        assertThat(r.triggerId()).isEqualTo("ti_1");
        assertThat(r.corrections()).extracting(Correction::reason).containsExactly("DriftCorrected");
        verify(api, never()).delete(any(), anyString());
    }

    @Test
    void aNewInstanceForAChangedConfigIsJournaledBeforeTheOldOneIsDeleted() {
        remote("ti_1", "api", true);
        when(api.upsert(eq(KEY), eq("GITHUB_COMMIT_EVENT"), any())).thenReturn(new UpsertResult("ti_2", true));
        TriggerInstancesApi ordered = api;
        doThrow(new AssertionError("deleted before the journal")).when(ordered).delete(KEY, "ti_1");

        try {
            run(recording("ti_1"), desired("web", true), false);
        } catch (AssertionError expected) {
            // the journal must already hold the replacement when delete is called
        }

        assertThat(journal).containsExactly("ti_2<-[ti_1]");
        InOrder order = inOrder(api);
        order.verify(api).upsert(eq(KEY), eq("GITHUB_COMMIT_EVENT"), any(UpsertTriggerRequest.class));
        order.verify(api).delete(KEY, "ti_1");
    }

    @Test
    void aDisabledTriggerIsDisabledAfterTheUpsertAndAConflictMeansAlreadyDisabled() {
        when(api.upsert(eq(KEY), eq("GITHUB_COMMIT_EVENT"), any())).thenReturn(new UpsertResult("ti_new", true));
        doThrow(new ConflictException(new ApiError("PATCH /trigger_instances/manage/{id}", 409, "already", null, null, null, null))).when(api).disable(KEY, "ti_new");

        RemoteTriggerSync.Result r = run(recording(null), desired("api", false), false);

        assertThat(r.enabled()).isFalse();
        verify(api).disable(KEY, "ti_new");
    }

    @Test
    void disabledOutOfBandIsEnabledAgain() {
        remote("ti_1", "api", false);

        RemoteTriggerSync.Result r = run(recording("ti_1"), desired("api", true), true);

        assertThat(r.enabled()).isTrue();
        assertThat(r.corrections()).extracting(Correction::reason).containsExactly("Reenabled");
        verify(api).enable(KEY, "ti_1");
        verify(api, never()).upsert(any(), anyString(), any());
    }

    @Test
    void deletingAnInstanceThatIsGoneCountsAsDone() {
        doThrow(new NotFoundException(new ApiError("DELETE /trigger_instances/manage/{id}", 404, "gone", null, null, null, null))).when(api).delete(KEY, "ti_gone");

        sync.deleteIfPresent(KEY, "ti_gone");

        verify(api).delete(KEY, "ti_gone");
    }
}
