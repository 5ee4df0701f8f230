package dev.devcaster.operator.remote;

import dev.devcaster.operator.client.ConflictException;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.NotFoundException;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.TriggerInstanceQuery;
import dev.devcaster.operator.client.TriggerInstancesApi;
import dev.devcaster.operator.client.UpsertResult;
import dev.devcaster.operator.client.UpsertTriggerRequest;
import dev.devcaster.operator.status.Correction;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Steps 6 and 7: find the remote trigger and make it match the desired state. Without a recorded
 * id, the upsert itself adopts: Devcaster's match key returns the existing instance with the same
 * slug, account and config (200) instead of creating a second one, so a crash between create and
 * status write never duplicates, and no list of the account's instances is needed. The match key
 * also decides whether a config change keeps the id or yields a new instance; a replaced instance
 * is handed to the {@link ReplacementJournal} before it is deleted, so a crash never leaks one.
 */
public final class RemoteTriggerSync {

    /** Records a new id and the ids it replaces, durably, before the old ones are deleted. */
    @FunctionalInterface
    public interface ReplacementJournal {
        void record(String newTriggerId, List<String> replaced);
    }

    /** Called right after an upsert returned, before anything is recorded; a seam for crash tests. */
    @FunctionalInterface
    public interface AfterUpsert {
        AfterUpsert NONE = (trigger, id) -> { };

        void upserted(Trigger trigger, String triggerId);
    }

    /** @param wrote whether any remote write happened */
    public record Result(String triggerId, boolean enabled, List<Correction> corrections, boolean wrote) {
    }

    private final TriggerInstancesApi api;
    private final AfterUpsert afterUpsert;

    public RemoteTriggerSync(TriggerInstancesApi api, AfterUpsert afterUpsert) {
        this.api = api;
        this.afterUpsert = afterUpsert;
    }

    /**
     * @param previouslyApplied whether the operator already applied exactly this desired state, so
     *                          any difference found now is drift made outside the operator
     */
    public Result sync(DevcasterCredentials credentials, Trigger trigger, DesiredState desired,
                        boolean previouslyApplied, OwnershipGuard ownership, ReplacementJournal journal) {
        List<Correction> corrections = new ArrayList<>();
        Optional<String> recorded = TriggerAnnotations.recordedTriggerId(trigger);
        recorded.ifPresent(id -> ownership.requireOwner(trigger, id));
        Optional<TriggerInstance> current = recorded.flatMap(id -> find(credentials, id));

        String triggerId;
        boolean enabled;
        boolean wrote = false;
        if (current.isPresent() && desired.matches(current.get())) {
            triggerId = current.get().id();
            enabled = current.get().enabled();
        } else {
            if (recorded.isPresent() && current.isEmpty()) {
                corrections.add(new Correction("Recreated", "remote trigger " + recorded.get()
                    + " was deleted outside the operator; re-creating it"));
            } else if (current.isPresent() && previouslyApplied) {
                corrections.add(new Correction("DriftCorrected", "remote trigger " + current.get().id()
                    + " was changed outside the operator; setting its config and account back"));
            }
            ownership.requireNoTwin(trigger, desired);
            UpsertResult result = api.upsert(credentials, desired.slug(), new UpsertTriggerRequest(
                desired.connectedAccountId(), desired.config(), Map.of(desired.toolkit(), desired.toolkitVersion()), null));
            afterUpsert.upserted(trigger, result.triggerId());
            ownership.requireOwner(trigger, result.triggerId());
            if (recorded.isEmpty() && !result.created()) {
                corrections.add(new Correction("Adopted", "adopted existing remote trigger " + result.triggerId()
                    + ", which Devcaster matched to this slug and account"));
            }
            triggerId = result.triggerId();
            enabled = true;
            wrote = true;
            if (current.isPresent() && !current.get().id().equals(triggerId)) {
                journal.record(triggerId, List.of(current.get().id()));
                deleteIfPresent(credentials, current.get().id());
            }
        }

        if (desired.enabled() != enabled) {
            setEnabled(credentials, triggerId, desired.enabled());
            if (desired.enabled() && previouslyApplied) {
                corrections.add(new Correction("Reenabled", "remote trigger " + triggerId
                    + " was disabled outside the operator; enabling it again"));
            }
            enabled = desired.enabled();
            wrote = true;
        }
        return new Result(triggerId, enabled, corrections, wrote);
    }

    /** Deletes remote instances; one that is gone already counts as deleted. */
    public void deleteIfPresent(DevcasterCredentials credentials, String triggerId) {
        try {
            api.delete(credentials, triggerId);
        } catch (NotFoundException e) {
            // the desired outcome holds
        }
    }

    private Optional<TriggerInstance> find(DevcasterCredentials credentials, String triggerId) {
        return api.list(credentials, TriggerInstanceQuery.includingDisabled().withTriggerIds(triggerId), null)
            .items().stream().filter(i -> triggerId.equals(i.id())).findFirst();
    }

    private void setEnabled(DevcasterCredentials credentials, String triggerId, boolean enabled) {
        try {
            if (enabled) {
                api.enable(credentials, triggerId);
            } else {
                api.disable(credentials, triggerId);
            }
        } catch (ConflictException e) {
            // 409: already in that state, which is what we want
        } catch (NotFoundException e) {
            throw new TriggerProblem(ReadyReason.RemoteError, "remote trigger " + triggerId
                + " disappeared while its state was being set; looking again", Duration.ofSeconds(1));
        }
    }
}
