package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.account.AccountResolver;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.RateBudget;
import dev.devcaster.operator.credentials.CredentialsResolver;
import dev.devcaster.operator.ownership.TriggerOwnership;
import dev.devcaster.operator.remote.DesiredState;
import dev.devcaster.operator.remote.RemoteIdentity;
import dev.devcaster.operator.remote.RemoteTriggerSync;
import dev.devcaster.operator.status.Outcome;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.RemoteChange;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.operator.trigger.TriggerStatus;
import dev.devcaster.operator.triggertype.TypeCheck;
import dev.devcaster.operator.triggertype.ValidatedConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One reconcile of a Trigger, in the order of the design: paused? credentials, trigger type and
 * config validation, connected account, the project the remote trigger lives in, then the remote
 * sync (find or adopt, create or update, enable or disable). Nothing is written remotely before the
 * config is valid. Every way it can end is an {@link Outcome}, with every remote change made on
 * the way.
 */
final class TriggerSync {

    private final CredentialsResolver credentials;
    private final TypeCheck types;
    private final AccountResolver accounts;
    private final ProjectSwitch projects;
    private final EarlierIntent earlier;
    private final TriggerOwnership ownership;
    private final RemoteTriggerSync remote;
    private final CreateMarker marker;
    private final RateBudget budget;
    private final Failures failures;

    TriggerSync(CredentialsResolver credentials, TypeCheck types, AccountResolver accounts, ProjectSwitch projects,
                EarlierIntent earlier, TriggerOwnership ownership, RemoteTriggerSync remote, CreateMarker marker,
                RateBudget budget, Failures failures) {
        this.credentials = credentials;
        this.types = types;
        this.accounts = accounts;
        this.projects = projects;
        this.earlier = earlier;
        this.ownership = ownership;
        this.remote = remote;
        this.marker = marker;
        this.budget = budget;
        this.failures = failures;
    }

    Outcome run(Trigger trigger) {
        if (TriggerAnnotations.paused(trigger)) {
            return Outcome.of(ReadyReason.Paused,
                "annotation " + TriggerAnnotations.PAUSED + " is \"true\": no remote calls until it is removed");
        }
        List<RemoteChange> changes = new ArrayList<>();
        AtomicReference<Outcome.Owned> owned = new AtomicReference<>();
        try {
            Outcome outcome = sync(trigger, changes, owned);
            failures.recovered(trigger);
            return outcome;
        } catch (RuntimeException e) {
            return failures.outcome(trigger, e).withChanges(changes).owning(Optional.ofNullable(owned.get()));
        }
    }

    private Outcome sync(Trigger trigger, List<RemoteChange> changes, AtomicReference<Outcome.Owned> owned) {
        DevcasterCredentials key = credentials.resolve(trigger);
        Optional<Duration> turn = budget.admit(key, trigger.getMetadata().getUid());
        if (turn.isPresent()) {
            return Outcome.deferred(turn.get());
        }
        ValidatedConfig validated = types.check(key, trigger);
        changes.addAll(earlier.settleStale(trigger, key, validated));
        AccountResolver.Resolution account = accounts.resolve(key, trigger, validated.toolkit());
        DesiredState desired = DesiredState.of(validated, account.account().id(), trigger.getSpec().enabled());
        ProjectSwitch.Settled settled = projects.settle(trigger, key);
        changes.addAll(settled.changes());
        changes.addAll(earlier.settle(trigger, key, RemoteIdentity.of(key.fingerprint(), desired)));
        TriggerStatus status = Optional.ofNullable(trigger.getStatus()).orElseGet(TriggerStatus::new);
        boolean previouslyApplied = settled.recorded().isPresent() && desired.hash().equals(status.getDesiredHash());

        RemoteTriggerSync.Result result = remote.sync(new RemoteTriggerSync.Plan(key, trigger, desired,
                settled.recorded(), status.getToolkitVersion(), previouslyApplied), ownership.guard(),
            identity -> marker.declare(trigger, key, identity), changes,
            id -> owned.set(new Outcome.Owned(id, key.fingerprint())));

        account.movedFrom().ifPresent(from -> changes.add(RemoteChange.correction("ConnectedAccountChanged",
            "connected account " + from + " is no longer usable; the trigger moves to " + account.account().id())));
        return Outcome.synced(new Outcome.Applied(result.triggerId(), key.fingerprint(), desired.connectedAccountId(),
            desired.toolkit(), desired.toolkitVersion(), result.enabled(), desired.hash(), result.wrote()), changes);
    }
}
