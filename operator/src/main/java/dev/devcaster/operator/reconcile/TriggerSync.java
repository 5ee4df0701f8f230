package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.account.AccountResolver;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.credentials.RememberedCredentials;
import dev.devcaster.operator.ownership.TriggerOwnership;
import dev.devcaster.operator.remote.DesiredState;
import dev.devcaster.operator.remote.RemoteTriggerSync;
import dev.devcaster.operator.status.Correction;
import dev.devcaster.operator.status.Outcome;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerReport;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.operator.triggertype.TypeCheck;
import dev.devcaster.operator.triggertype.ValidatedConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * One reconcile of a Trigger, in the order of the design: paused? credentials, trigger type and
 * config validation, connected account, then the remote sync (find or adopt, create or update,
 * enable or disable). Nothing is written remotely before the config is valid. Every way it can
 * end is an {@link Outcome}.
 */
final class TriggerSync {

    private final RememberedCredentials credentials;
    private final TypeCheck types;
    private final AccountResolver accounts;
    private final TriggerOwnership ownership;
    private final RemoteTriggerSync remote;
    private final TriggerReport report;
    private final Failures failures;

    TriggerSync(RememberedCredentials credentials, TypeCheck types, AccountResolver accounts, TriggerOwnership ownership,
                RemoteTriggerSync remote, TriggerReport report, Failures failures) {
        this.credentials = credentials;
        this.types = types;
        this.accounts = accounts;
        this.ownership = ownership;
        this.remote = remote;
        this.report = report;
        this.failures = failures;
    }

    Outcome run(Trigger trigger) {
        if (TriggerAnnotations.paused(trigger)) {
            return Outcome.of(ReadyReason.Paused,
                "annotation " + TriggerAnnotations.PAUSED + " is \"true\": no remote calls until it is removed");
        }
        try {
            Outcome outcome = sync(trigger);
            failures.recovered(trigger);
            return outcome;
        } catch (RuntimeException e) {
            return failures.outcome(trigger, e);
        }
    }

    private Outcome sync(Trigger trigger) {
        DevcasterCredentials key = credentials.resolve(trigger);
        ValidatedConfig validated = types.check(key, trigger);
        AccountResolver.Resolution account = accounts.resolve(key, trigger, validated.toolkit());
        DesiredState desired = DesiredState.of(validated, account.account().id(), trigger.getSpec().enabled());
        boolean previouslyApplied = trigger.getStatus() != null
            && desired.hash().equals(trigger.getStatus().getDesiredHash());
        PendingDeletion.of(trigger).forEach(id -> remote.deleteIfPresent(key, id));

        RemoteTriggerSync.Result result = remote.sync(key, trigger, desired, previouslyApplied,
            ownership.guard(config -> types.canonical(validated, config)),
            (newId, replaced) -> report.journal(trigger, newId, replaced));

        List<Correction> corrections = new ArrayList<>();
        account.movedFrom().ifPresent(from -> corrections.add(new Correction("ConnectedAccountChanged",
            "connected account " + from + " is no longer usable; the trigger moves to " + account.account().id())));
        corrections.addAll(result.corrections());
        return Outcome.synced(new Outcome.Applied(result.triggerId(), desired.connectedAccountId(), desired.toolkit(),
            desired.toolkitVersion(), result.enabled(), desired.hash(), result.wrote()), corrections);
    }
}
