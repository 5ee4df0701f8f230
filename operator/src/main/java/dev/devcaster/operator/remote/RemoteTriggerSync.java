package dev.devcaster.operator.remote;

import dev.devcaster.operator.client.ConflictException;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.NotFoundException;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.TriggerInstanceQuery;
import dev.devcaster.operator.client.TriggerInstancesApi;
import dev.devcaster.operator.client.UpsertResult;
import dev.devcaster.operator.client.UpsertTriggerRequest;
import dev.devcaster.operator.kubernetes.Leadership;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.RemoteChange;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Steps 6 and 7: find the remote trigger and make it match the desired state.
 *
 * <p>The recorded id ({@code status.triggerId}) is the Trigger's own instance. Without one, the
 * {@code devcaster.dev/trigger-id} annotation is only a hint, taken when that instance has this
 * Trigger's slug and account; otherwise the upsert itself adopts, as Devcaster's match key returns
 * an existing instance with the same slug, account and config. Before any upsert the create
 * intent is made durable, so a create whose answer is lost is found again. When a change yields a
 * new instance, the old one is deleted before the new id is recorded: until then the identity
 * annotation names the new one, so a crash at any point neither leaks nor duplicates.
 */
public final class RemoteTriggerSync {

    /** Called right after an upsert returned, before anything is recorded; a seam for crash tests. */
    @FunctionalInterface
    public interface AfterUpsert {
        AfterUpsert NONE = (trigger, id) -> { };

        void upserted(Trigger trigger, String triggerId);
    }

    /**
     * One sync to run.
     *
     * @param recorded          the instance this Trigger owns, if any (in this key's project)
     * @param appliedVersion    the toolkit version the recorded instance was last upserted at
     * @param previouslyApplied whether exactly this desired state was applied before, so any
     *                          difference found now is drift made outside the operator
     */
    public record Plan(DevcasterCredentials key, Trigger trigger, DesiredState desired, Optional<String> recorded,
                       String appliedVersion, boolean previouslyApplied) {

        RemoteIdentity identity() {
            return RemoteIdentity.of(key.fingerprint(), desired);
        }
    }

    /** @param wrote whether any remote write happened */
    public record Result(String triggerId, boolean enabled, boolean wrote) {
    }

    private final TriggerInstancesApi api;
    private final Leadership leadership;
    private final AfterUpsert afterUpsert;

    public RemoteTriggerSync(TriggerInstancesApi api, Leadership leadership, AfterUpsert afterUpsert) {
        this.api = api;
        this.leadership = leadership;
        this.afterUpsert = afterUpsert;
    }

    /**
     * @param changes gets every remote change as it is made, also when a later step fails
     * @param owns    gets the id of the instance an upsert left this Trigger with, once it is known to
     *                be this Trigger's and the one it replaced is deleted, also when a later step fails:
     *                the status records it even then, so no later failure (an account gone unusable)
     *                can leave it unrecorded beside a deleted one
     */
    public Result sync(Plan plan, OwnershipGuard ownership, CreateIntent intent, List<RemoteChange> changes,
                       Consumer<String> owns) {
        Trigger trigger = plan.trigger();
        DesiredState desired = plan.desired();
        plan.recorded().ifPresent(id -> ownership.requireOwner(trigger, id));
        Optional<TriggerInstance> current = plan.recorded().flatMap(id -> find(plan.key(), id));
        if (plan.recorded().isEmpty()) {
            current = hinted(plan, changes);
            if (current.isPresent()) {
                ownership.requireOwner(trigger, current.get().id());
                // Adopted without a write: from now on it is this Trigger's to delete, so the finalizer goes on.
                intent.declare(plan.identity());
            }
        }

        boolean versionMoved = plan.recorded().isPresent() && !desired.toolkitVersion().equals(plan.appliedVersion());
        String triggerId;
        boolean enabled;
        boolean wrote = false;
        if (current.isPresent() && desired.matches(current.get()) && !versionMoved) {
            triggerId = current.get().id();
            enabled = current.get().enabled();
        } else {
            RemoteIdentity identity = plan.identity();
            ownership.requireNoTwin(trigger, identity, plan.key());
            intent.declare(identity);
            leadership.requireLeading();
            UpsertResult result = api.upsert(plan.key(), desired.slug(), new UpsertTriggerRequest(
                desired.connectedAccountId(), desired.config(), Map.of(desired.toolkit(), desired.toolkitVersion()), null));
            afterUpsert.upserted(trigger, result.triggerId());
            triggerId = result.triggerId();
            if (current.map(TriggerInstance::id).filter(triggerId::equals).isEmpty()) {
                ownership.requireOwnerAfterUpsert(trigger, triggerId, identity, plan.key());
            }
            if (current.isPresent() && current.get().id().equals(triggerId) && !desired.sameConfig(
                current.get().triggerConfig())) {
                ownership.learnedInPlaceUpdates(identity.project());
            }
            if (current.isPresent() && !current.get().id().equals(triggerId)) {
                // Deleted before the new id is recorded: the identity annotation already names the
                // new instance, so a crash here leaves nothing behind.
                deleteIfPresent(plan.key(), current.get().id());
            }
            // Only now: while the replaced instance may still exist, the status must keep naming it.
            owns.accept(triggerId);
            changes.add(describeUpsert(plan, current, result));
            enabled = true; // an upsert enables a matched instance
            wrote = true;
        }

        if (desired.enabled() != enabled) {
            setEnabled(plan.key(), triggerId, desired.enabled());
            changes.add(desired.enabled() && plan.previouslyApplied() && !wrote
                ? RemoteChange.correction("Reenabled", "remote trigger " + triggerId
                    + " was disabled outside the operator (or by Devcaster); enabled it again")
                : RemoteChange.change(desired.enabled() ? "Enabled" : "Disabled",
                    (desired.enabled() ? "enabled" : "disabled") + " remote trigger " + triggerId));
            enabled = desired.enabled();
            wrote = true;
        }
        return new Result(triggerId, enabled, wrote);
    }

    /** Deletes a remote instance; Devcaster's own "not found" counts as deleted. */
    public void deleteIfPresent(DevcasterCredentials key, String triggerId) {
        leadership.requireLeading();
        try {
            api.delete(key, triggerId);
        } catch (NotFoundException e) {
            // the desired outcome holds
        }
    }

    /** The instance with this id in the key's project, if the key can see one. */
    public Optional<TriggerInstance> find(DevcasterCredentials key, String triggerId) {
        return api.list(key, TriggerInstanceQuery.includingDisabled().withTriggerIds(triggerId), null)
            .items().stream().filter(i -> triggerId.equals(i.id())).findFirst();
    }

    /** The instances of the key's project that are this identity (an in-doubt create, found again). */
    public List<TriggerInstance> findAll(DevcasterCredentials key, RemoteIdentity identity) {
        return api.listAll(key, TriggerInstanceQuery.includingDisabled()
                .withConnectedAccountIds(identity.connectedAccountId()).withTriggerNames(identity.slug()))
            .stream().filter(identity::matches).toList();
    }

    /**
     * The annotation's instance, taken only when it is exactly what this Trigger declares (slug,
     * account and config): taking one with another config would replace, and so delete, an instance
     * made by someone else.
     */
    private Optional<TriggerInstance> hinted(Plan plan, List<RemoteChange> changes) {
        Optional<String> hint = TriggerAnnotations.triggerIdHint(plan.trigger());
        if (hint.isEmpty()) {
            return Optional.empty();
        }
        Optional<TriggerInstance> instance = find(plan.key(), hint.get()).filter(plan.desired()::matches);
        if (instance.isEmpty()) {
            changes.add(RemoteChange.correction("TriggerIdIgnored", "annotation " + TriggerAnnotations.TRIGGER_ID
                + " names " + hint.get() + ", which is not this " + plan.desired().slug() + " trigger (same connected "
                + "account and config) in this project; it is ignored"));
        } else {
            changes.add(RemoteChange.change("Adopted", "adopted remote trigger " + hint.get() + ", named by annotation "
                + TriggerAnnotations.TRIGGER_ID));
        }
        return instance;
    }

    private static RemoteChange describeUpsert(Plan plan, Optional<TriggerInstance> current, UpsertResult result) {
        String id = result.triggerId();
        String what = plan.desired().slug() + " on connected account " + plan.desired().connectedAccountId();
        if (current.isEmpty()) {
            if (plan.recorded().isPresent() && result.created()) {
                return RemoteChange.correction("Recreated", "remote trigger " + plan.recorded().get()
                    + " was deleted outside the operator; created " + id + " (" + what + ")");
            }
            return result.created() ? RemoteChange.change("Created", "created remote trigger " + id + " (" + what + ")")
                : RemoteChange.change("Adopted", "adopted existing remote trigger " + id + " (" + what
                    + "), which Devcaster matched to this slug, account and config");
        }
        String previous = current.get().id();
        if (!previous.equals(id)) {
            return RemoteChange.change("Replaced", "replaced remote trigger " + previous + " with " + id + " (" + what
                + "); deleted " + previous);
        }
        if (plan.previouslyApplied() && !plan.desired().matches(current.get())) {
            return RemoteChange.correction("DriftCorrected", "remote trigger " + id
                + " was changed outside the operator; set its config and account back");
        }
        return RemoteChange.change("Updated", "updated remote trigger " + id + " (" + what + ", toolkit version "
            + plan.desired().toolkitVersion() + ")");
    }

    private void setEnabled(DevcasterCredentials key, String triggerId, boolean enabled) {
        leadership.requireLeading();
        try {
            if (enabled) {
                api.enable(key, triggerId);
            } else {
                api.disable(key, triggerId);
            }
        } catch (ConflictException e) {
            // 409: already in that state, which is what we want
        } catch (NotFoundException e) {
            throw new TriggerProblem(ReadyReason.RemoteError, "remote trigger " + triggerId
                + " disappeared while its state was being set; looking again", Duration.ofSeconds(1));
        }
    }
}
