package dev.devcaster.operator.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.devcaster.operator.client.ConnectedAccount;
import dev.devcaster.operator.client.ConnectedAccountQuery;
import dev.devcaster.operator.client.ConnectedAccountStatus;
import dev.devcaster.operator.client.ConnectedAccountsApi;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.NotFoundException;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Step 5: the connected account the trigger runs on. A pinned account must exist, be ACTIVE and
 * belong to the type's toolkit. For a user, the account already in use is kept while it stays
 * ACTIVE, so a newer account never silently moves a running trigger; otherwise the newest ACTIVE
 * account of that user and toolkit is chosen (the SDK's rule, without its expired-account pitfall).
 */
public final class AccountResolver {

    /** The chosen account and, when the trigger had to leave its previous one, why. */
    public record Resolution(ConnectedAccount account, Optional<String> movedFrom) {
    }

    private record UserKey(String project, String userId, String toolkit) {
    }

    private record AccountKey(String project, String accountId) {
    }

    private final ConnectedAccountsApi api;
    private final Cache<UserKey, List<ConnectedAccount>> activeByUser;
    private final Cache<AccountKey, Optional<ConnectedAccount>> byId;

    /**
     * @param maxAge how long look-ups are shared by Triggers of the same key: many Triggers of one
     *               user cost one call. Kept short: a stale answer only delays a move or a Ready.
     */
    public AccountResolver(ConnectedAccountsApi api, Duration maxAge) {
        this.api = api;
        this.activeByUser = Caffeine.newBuilder().expireAfterWrite(maxAge).maximumSize(100_000).build();
        this.byId = Caffeine.newBuilder().expireAfterWrite(maxAge).maximumSize(100_000).build();
    }

    public Resolution resolve(DevcasterCredentials credentials, Trigger trigger, String toolkit) {
        String pinned = trigger.getSpec().getConnectedAccountId();
        if (pinned != null) {
            return new Resolution(pinned(credentials, pinned, toolkit), Optional.empty());
        }
        String userId = trigger.getSpec().getUserId();
        String previousId = trigger.getStatus() == null ? null : trigger.getStatus().getConnectedAccountId();
        Optional<ConnectedAccount> previous = Optional.ofNullable(previousId).flatMap(id -> find(credentials, id));
        if (previous.isPresent() && usable(previous.get(), userId, toolkit)) {
            return new Resolution(previous.get(), Optional.empty());
        }
        Optional<ConnectedAccount> newest = activeByUser.get(new UserKey(credentials.fingerprint(), userId, toolkit),
                k -> api.listAll(credentials, ConnectedAccountQuery.all()
                    .withUserIds(userId)
                    .withToolkitSlugs(toolkit)
                    .withStatuses(ConnectedAccountStatus.ACTIVE)))
            .stream()
            .filter(a -> usable(a, userId, toolkit))
            .max(Comparator.comparing(ConnectedAccount::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        if (newest.isPresent()) {
            Optional<String> moved = previousId != null && !previousId.equals(newest.get().id())
                ? Optional.of(leaving(previousId, previous)) : Optional.empty();
            return new Resolution(newest.get(), moved);
        }
        if (previous.isPresent() && previous.get().userId().equals(userId)) {
            throw new TriggerProblem(ReadyReason.ConnectedAccountNotActive, "connected account " + previousId + " of user "
                + userId + " is " + previous.get().status() + " and the user has no other ACTIVE " + toolkit
                + " account; reconnect the account in Devcaster");
        }
        throw new TriggerProblem(ReadyReason.ConnectedAccountNotFound, "user " + userId
            + " has no ACTIVE connected account for toolkit " + toolkit + "; connect one in Devcaster");
    }

    /** Whether the account the Trigger runs on may stay: what a resync checks against a snapshot. */
    public boolean stillUsable(Trigger trigger, ConnectedAccount account, String toolkit) {
        String pinned = trigger.getSpec().getConnectedAccountId();
        if (pinned != null) {
            return pinned.equals(account.id()) && account.status() == ConnectedAccountStatus.ACTIVE
                && !account.disabled() && toolkit.equals(account.toolkitSlug());
        }
        return usable(account, trigger.getSpec().getUserId(), toolkit);
    }

    private ConnectedAccount pinned(DevcasterCredentials credentials, String id, String toolkit) {
        ConnectedAccount account = find(credentials, id).orElseThrow(() -> new TriggerProblem(
            ReadyReason.ConnectedAccountNotFound, "connected account " + id + " not found"));
        if (!toolkit.equals(account.toolkitSlug())) {
            throw new TriggerProblem(ReadyReason.ConnectedAccountNotFound, "connected account " + id
                + " belongs to toolkit " + account.toolkitSlug() + ", but the trigger type needs " + toolkit);
        }
        if (account.status() != ConnectedAccountStatus.ACTIVE || account.disabled()) {
            throw new TriggerProblem(ReadyReason.ConnectedAccountNotActive, "connected account " + id + " is "
                + (account.disabled() ? "disabled" : account.status()) + "; reconnect it in Devcaster or pin another one");
        }
        return account;
    }

    private Optional<ConnectedAccount> find(DevcasterCredentials credentials, String id) {
        return byId.get(new AccountKey(credentials.fingerprint(), id), k -> {
            try {
                return Optional.of(api.get(credentials, id));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private static boolean usable(ConnectedAccount account, String userId, String toolkit) {
        return account.status() == ConnectedAccountStatus.ACTIVE && !account.disabled()
            && toolkit.equals(account.toolkitSlug()) && userId.equals(account.userId());
    }

    private static String leaving(String previousId, Optional<ConnectedAccount> previous) {
        return previous.map(a -> previousId + " (" + a.status() + ")").orElse(previousId + " (gone)");
    }
}
