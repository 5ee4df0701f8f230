package dev.devcaster.plugin.export;

import dev.devcaster.operator.client.ConnectedAccount;
import dev.devcaster.operator.client.ConnectedAccountStatus;
import dev.devcaster.operator.client.NotFoundException;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerSpec;
import dev.devcaster.plugin.devcaster.DevcasterSession;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code userId} or {@code connectedAccountId}: the user when the operator's account rule (the
 * user's newest ACTIVE account of the toolkit) picks exactly the instance's account, so the Trigger
 * reads as people think of it; otherwise the account itself, which the operator then uses as is.
 */
final class AccountChoice {

    /** Exactly one of userId and connectedAccountId; a warning when the Trigger will not be Ready as it is. */
    record Choice(String userId, String connectedAccountId, Optional<String> warning) {
    }

    private final DevcasterSession session;
    private final Map<String, Optional<ConnectedAccount>> accounts = new HashMap<>();

    AccountChoice(DevcasterSession session) {
        this.session = session;
    }

    Choice choose(TriggerInstance instance, String toolkit) {
        String accountId = instance.connectedAccountId();
        String userId = instance.userId();
        if (userId != null && !userId.isBlank() && accountId.equals(ruleAccount(userId, toolkit).orElse(null))) {
            return new Choice(userId, null, Optional.empty());
        }
        Optional<ConnectedAccount> account = accounts.computeIfAbsent(accountId, this::find);
        if (account.isEmpty()) {
            return new Choice(null, accountId, Optional.of("connected account " + accountId + " no longer exists: the "
                + "Trigger will report ConnectedAccountNotFound and change nothing remotely"));
        }
        ConnectedAccount a = account.get();
        if (a.status() != ConnectedAccountStatus.ACTIVE || a.disabled()) {
            return new Choice(null, accountId, Optional.of("connected account " + accountId + " is "
                + (a.disabled() ? "disabled" : a.status()) + ": the Trigger will report ConnectedAccountNotActive and "
                + "change nothing remotely until the account is reconnected"));
        }
        return new Choice(null, accountId, Optional.empty());
    }

    /** The account the operator would resolve {@code userId} to, as it does for a new Trigger. */
    private Optional<String> ruleAccount(String userId, String toolkit) {
        Trigger probe = new Trigger();
        TriggerSpec spec = new TriggerSpec();
        spec.setUserId(userId);
        probe.setSpec(spec);
        try {
            return Optional.of(session.accounts().resolve(session.credentials(), probe, toolkit).account().id());
        } catch (TriggerProblem noActiveAccount) {
            return Optional.empty();
        }
    }

    private Optional<ConnectedAccount> find(String accountId) {
        try {
            return Optional.of(session.client().connectedAccounts().get(session.credentials(), accountId));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
