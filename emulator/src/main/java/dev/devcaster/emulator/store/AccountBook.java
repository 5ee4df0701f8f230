package dev.devcaster.emulator.store;

import dev.devcaster.emulator.catalog.TriggerType;
import dev.devcaster.emulator.model.AccountQuery;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.AuthConfig;
import dev.devcaster.emulator.model.ConnectedAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A project's auth configs and connected accounts, and the rule that picks the account for an
 * upsert. Not thread-safe: {@link Project} guards it with its lock.
 */
final class AccountBook {

    static final String DEFAULT_AUTH_SCHEME = "OAUTH2";

    private final Map<String, AuthConfig> authConfigs = new LinkedHashMap<>();
    private final Map<String, ConnectedAccount> accounts = new LinkedHashMap<>();

    void put(AuthConfig config) {
        authConfigs.put(config.id(), config);
    }

    void put(ConnectedAccount account) {
        accounts.put(account.id(), account);
    }

    ConnectedAccount add(String userId, String toolkitSlug, String authConfigId, AccountStatus status, Instant created) {
        String configId = authConfigId != null ? requireAuthConfig(authConfigId).id() : authConfigFor(toolkitSlug).id();
        ConnectedAccount account = new ConnectedAccount(Ids.next("ca_"), userId, toolkitSlug, configId,
                status, null, created, created);
        put(account);
        return account;
    }

    void setStatus(String connectedAccountId, AccountStatus status, Instant at) {
        put(requireAccount(connectedAccountId).withStatus(status, at));
    }

    void delete(String connectedAccountId) {
        accounts.remove(requireAccount(connectedAccountId).id());
    }

    Collection<AuthConfig> authConfigs() {
        return authConfigs.values();
    }

    Optional<AuthConfig> authConfig(String id) {
        return Optional.ofNullable(authConfigs.get(id));
    }

    Collection<ConnectedAccount> accounts() {
        return accounts.values();
    }

    Optional<ConnectedAccount> account(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    long connectionCount(String authConfigId) {
        return accounts.values().stream().filter(a -> a.authConfigId().equals(authConfigId)).count();
    }

    List<ConnectedAccount> find(AccountQuery query) {
        List<ConnectedAccount> result = new ArrayList<>();
        for (ConnectedAccount a : accounts.values()) {
            if (matches(query.userIds(), a.userId()) && matches(query.toolkitSlugs(), a.toolkitSlug())
                    && (query.statuses().isEmpty() || query.statuses().contains(a.status()))
                    && matches(query.authConfigIds(), a.authConfigId())
                    && matches(query.connectedAccountIds(), a.id())) {
                result.add(a);
            }
        }
        // Insertion order breaks ties, newest first when descending.
        if (!query.ascending()) {
            Collections.reverse(result);
        }
        Comparator<ConnectedAccount> order = Comparator.comparing(
                query.orderByUpdatedAt() ? ConnectedAccount::updatedAt : ConnectedAccount::createdAt);
        result.sort(query.ascending() ? order : order.reversed());
        return result;
    }

    /** {@code connectedAccountId} if it is usable for the type, else the user's newest ACTIVE account of its toolkit. */
    ConnectedAccount forUpsert(TriggerType type, String connectedAccountId, String userId) {
        String toolkit = type.toolkit().slug();
        if (connectedAccountId != null && !connectedAccountId.isBlank()) {
            ConnectedAccount account = accounts.get(connectedAccountId);
            if (account == null) {
                throw StoreException.invalid("ConnectedAccount_NotFound",
                        "Connected account " + connectedAccountId + " not found", "Pass the id of one of the project's connected accounts");
            }
            if (!account.toolkitSlug().equals(toolkit)) {
                throw StoreException.invalid("ConnectedAccount_ToolkitMismatch", "Connected account " + connectedAccountId
                        + " belongs to toolkit " + account.toolkitSlug() + ", trigger " + type.slug() + " needs " + toolkit, null);
            }
            if (account.status() != AccountStatus.ACTIVE) {
                throw StoreException.invalid("ConnectedAccount_NotActive", "Connected account " + connectedAccountId
                        + " is " + account.status() + ", not ACTIVE", "Reconnect the account");
            }
            return account;
        }
        if (userId == null || userId.isBlank()) {
            throw StoreException.invalid("TriggerInstance_AccountRequired",
                    "Either connected_account_id or user_id is required", null);
        }
        return accounts.values().stream()
                .filter(a -> a.userId().equals(userId) && a.toolkitSlug().equals(toolkit) && a.status() == AccountStatus.ACTIVE)
                .reduce((older, newer) -> newer.createdAt().isBefore(older.createdAt()) ? older : newer)
                .orElseThrow(() -> StoreException.invalid("ConnectedAccount_NotFoundForUser",
                        "No ACTIVE connected account for user " + userId + " and toolkit " + toolkit,
                        "Connect a " + toolkit + " account for user " + userId));
    }

    /** The project's first auth config of the toolkit, created when there is none. */
    AuthConfig authConfigFor(String toolkitSlug) {
        return authConfigs.values().stream().filter(c -> c.toolkitSlug().equals(toolkitSlug)).findFirst()
                .orElseGet(() -> {
                    AuthConfig created = newAuthConfig(toolkitSlug);
                    put(created);
                    return created;
                });
    }

    static AuthConfig newAuthConfig(String toolkitSlug) {
        return new AuthConfig(Ids.next("ac_"), toolkitSlug, toolkitSlug + " auth config", "default",
                DEFAULT_AUTH_SCHEME, true, false, Project.now());
    }

    AuthConfig requireAuthConfig(String id) {
        return StoreException.orNotFound(authConfigs.get(id), "AuthConfig_NotFound", "auth config " + id + " not found");
    }

    ConnectedAccount requireAccount(String id) {
        return StoreException.orNotFound(accounts.get(id), "ConnectedAccount_NotFound",
                "connected account " + id + " not found");
    }

    static boolean matches(Set<String> wanted, String value) {
        return wanted.isEmpty() || wanted.contains(value);
    }
}
