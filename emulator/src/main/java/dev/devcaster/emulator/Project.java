package dev.devcaster.emulator;

import dev.devcaster.emulator.api.ApiException;
import dev.devcaster.emulator.catalog.CanonicalJson;
import dev.devcaster.emulator.catalog.TriggerType;
import dev.devcaster.emulator.model.AccountQuery;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.AuthConfig;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.model.MatchKeyMode;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.emulator.model.TriggerQuery;
import dev.devcaster.emulator.model.UpsertOutcome;
import dev.devcaster.emulator.state.Ids;
import dev.devcaster.emulator.state.SeedDocument;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Everything one API key sees: auth configs, connected accounts and trigger instances. A
 * read-write lock per project keeps projects independent under concurrent clients; trigger
 * instances are indexed by id and by both match keys so an upsert never scans the project.
 */
public final class Project {

    private static final String DEFAULT_AUTH_SCHEME = "OAUTH2";

    private final String apiKey;
    private final Supplier<MatchKeyMode> matchKeyMode;
    private final Runnable onChange;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, AuthConfig> authConfigs = new LinkedHashMap<>();
    private final Map<String, ConnectedAccount> accounts = new LinkedHashMap<>();
    private final Map<String, Stored> triggers = new LinkedHashMap<>();
    private final Map<String, Set<String>> byConfigKey = new HashMap<>();
    private final Map<String, Set<String>> bySlugAndAccount = new HashMap<>();

    Project(String apiKey, Supplier<MatchKeyMode> matchKeyMode, Runnable onChange) {
        this.apiKey = apiKey;
        this.matchKeyMode = matchKeyMode;
        this.onChange = onChange;
    }

    public String apiKey() {
        return apiKey;
    }

    // ---- auth configs and connected accounts -------------------------------------------------

    public AuthConfig addAuthConfig(String toolkitSlug) {
        AuthConfig config = new AuthConfig(Ids.next("ac_"), toolkitSlug, toolkitSlug + " auth config", "default",
                DEFAULT_AUTH_SCHEME, true, false, now());
        write(() -> authConfigs.put(config.id(), config));
        return config;
    }

    /** Uses the project's first auth config of the toolkit, creating one when there is none. */
    public ConnectedAccount addConnectedAccount(String userId, String toolkitSlug, AccountStatus status, Instant createdAt) {
        return addConnectedAccount(userId, toolkitSlug, null, status, createdAt);
    }

    public ConnectedAccount addConnectedAccount(String userId, String toolkitSlug, String authConfigId,
                                                AccountStatus status, Instant createdAt) {
        Instant created = createdAt == null ? now() : createdAt;
        return write(() -> {
            String configId = authConfigId != null ? requireAuthConfig(authConfigId).id() : authConfigFor(toolkitSlug).id();
            ConnectedAccount account = new ConnectedAccount(Ids.next("ca_"), userId, toolkitSlug, configId,
                    status, null, created, created);
            accounts.put(account.id(), account);
            return account;
        });
    }

    public void setAccountStatus(String connectedAccountId, AccountStatus status) {
        write(() -> accounts.put(connectedAccountId, requireAccount(connectedAccountId).withStatus(status, now())));
    }

    public void deleteConnectedAccount(String connectedAccountId) {
        write(() -> accounts.remove(requireAccount(connectedAccountId).id()));
    }

    public List<AuthConfig> authConfigs() {
        return read(() -> List.copyOf(authConfigs.values()));
    }

    public Optional<AuthConfig> authConfig(String id) {
        return read(() -> Optional.ofNullable(authConfigs.get(id)));
    }

    public List<ConnectedAccount> connectedAccounts() {
        return read(() -> List.copyOf(accounts.values()));
    }

    public Optional<ConnectedAccount> connectedAccount(String id) {
        return read(() -> Optional.ofNullable(accounts.get(id)));
    }

    /** How many connected accounts use the auth config. */
    public long connectionCount(String authConfigId) {
        return read(() -> accounts.values().stream().filter(a -> a.authConfigId().equals(authConfigId)).count());
    }

    public List<ConnectedAccount> findAccounts(AccountQuery query) {
        return read(() -> {
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
        });
    }

    // ---- trigger instances: out-of-band (Java and admin API) ---------------------------------

    /** A snapshot of every instance, disabled ones included, oldest first. */
    public List<TriggerInstance> triggers() {
        return read(() -> triggers.values().stream().map(Stored::instance).toList());
    }

    public Optional<TriggerInstance> trigger(String triggerId) {
        return read(() -> Optional.ofNullable(triggers.get(triggerId)).map(Stored::instance));
    }

    /** Disables the instance the way Devcaster does on its own (expired connection, failing poll). */
    public void disableTrigger(String triggerId) {
        write(() -> {
            TriggerInstance instance = requireTrigger(triggerId).instance();
            if (instance.enabled()) {
                Instant at = now();
                replace(triggerId, instance.config(), at, at);
            }
        });
    }

    public void deleteTrigger(String triggerId) {
        write(() -> remove(requireTrigger(triggerId)));
    }

    /** Config drift made behind the client's back. */
    public void replaceTriggerConfig(String triggerId, Map<String, Object> config) {
        write(() -> {
            TriggerInstance instance = requireTrigger(triggerId).instance();
            replace(triggerId, config, now(), instance.disabledAt());
        });
    }

    // ---- trigger instances: public API --------------------------------------------------------

    /**
     * Creates or reuses an instance. {@code config} must already be validated with defaults
     * applied; the account is {@code connectedAccountId} or the user's newest ACTIVE account of
     * the type's toolkit.
     */
    public UpsertOutcome upsert(TriggerType type, String connectedAccountId, String userId, Map<String, Object> config) {
        String canonical = CanonicalJson.of(config);
        return write(() -> {
            ConnectedAccount account = accountForUpsert(type, connectedAccountId, userId);
            String slugAndAccount = type.slug() + "|" + account.id();
            Optional<String> existing = matchKeyMode.get() == MatchKeyMode.CONFIG
                    ? newest(byConfigKey.get(slugAndAccount + "|" + canonical))
                    : newest(bySlugAndAccount.get(slugAndAccount));
            if (existing.isPresent()) {
                Stored stored = triggers.get(existing.get());
                boolean configChanged = !stored.canonicalConfig().equals(canonical);
                if (configChanged || !stored.instance().enabled()) {
                    replace(stored.instance().id(), config, now(), null);
                }
                return new UpsertOutcome(stored.instance().id(), false);
            }
            Instant at = now();
            TriggerInstance created = new TriggerInstance(Ids.next("ti_"), type.slug(), account.id(), account.userId(),
                    config, at, at, null);
            put(new Stored(created, account.authConfigId(), canonical));
            return new UpsertOutcome(created.id(), true);
        });
    }

    public List<TriggerInstance> findTriggers(TriggerQuery query) {
        return read(() -> {
            List<TriggerInstance> result = new ArrayList<>();
            for (Stored stored : candidates(query)) {
                TriggerInstance t = stored.instance();
                if ((query.showDisabled() || t.enabled()) && matches(query.triggerIds(), t.id())
                        && matches(query.connectedAccountIds(), t.connectedAccountId())
                        && matches(query.authConfigIds(), stored.authConfigId())
                        && matches(query.triggerNames(), t.slug()) && matches(query.userIds(), t.userId())) {
                    result.add(t);
                }
            }
            return result;
        });
    }

    /** PATCH manage: 404 when unknown, 409 when it is already in that state. */
    public void setTriggerEnabled(String triggerId, boolean enabled) {
        write(() -> {
            Stored stored = triggers.get(triggerId);
            if (stored == null) {
                throw triggerNotFound(triggerId);
            }
            TriggerInstance instance = stored.instance();
            if (instance.enabled() == enabled) {
                throw ApiException.conflict("TriggerInstance_StatusUnchanged",
                        "Trigger " + triggerId + " is already " + (enabled ? "enabled" : "disabled"));
            }
            Instant at = now();
            replace(triggerId, instance.config(), at, enabled ? null : at);
        });
    }

    /** DELETE manage: 404 when it is not there. */
    public void deleteTriggerFromApi(String triggerId) {
        write(() -> {
            Stored stored = triggers.get(triggerId);
            if (stored == null) {
                throw triggerNotFound(triggerId);
            }
            remove(stored);
        });
    }

    // ---- seed and persistence -----------------------------------------------------------------

    public SeedDocument.Project toSeed() {
        return read(() -> new SeedDocument.Project(apiKey,
                authConfigs.values().stream().map(c -> new SeedDocument.AuthConfig(c.id(), c.toolkitSlug(), c.name(),
                        c.type(), c.authScheme(), c.devcasterManaged(), c.disabled(), c.createdAt().toString())).toList(),
                accounts.values().stream().map(a -> new SeedDocument.Account(a.id(), a.userId(), a.toolkitSlug(),
                        a.authConfigId(), a.status().name(), a.statusReason(), a.createdAt().toString(),
                        a.updatedAt().toString())).toList(),
                triggers.values().stream().map(s -> {
                    TriggerInstance t = s.instance();
                    return new SeedDocument.Trigger(t.id(), t.slug(), t.connectedAccountId(), t.userId(), s.authConfigId(),
                            t.config(), t.createdAt().toString(), t.updatedAt().toString(),
                            t.disabledAt() == null ? null : t.disabledAt().toString());
                }).toList()));
    }

    /** Adds the seeded entities; ids and timestamps given in the seed are kept. */
    public void applySeed(SeedDocument.Project seed) {
        write(() -> {
            for (SeedDocument.AuthConfig c : seed.authConfigs()) {
                AuthConfig config = new AuthConfig(orNew(c.id(), "ac_"), require(c.toolkitSlug(), "auth config toolkit_slug"),
                        c.name() == null ? c.toolkitSlug() + " auth config" : c.name(), c.type() == null ? "default" : c.type(),
                        c.authScheme() == null ? DEFAULT_AUTH_SCHEME : c.authScheme(),
                        c.devcasterManaged() == null || c.devcasterManaged(), Boolean.TRUE.equals(c.disabled()),
                        instantOr(c.createdAt(), now()));
                authConfigs.put(config.id(), config);
            }
            for (SeedDocument.Account a : seed.connectedAccounts()) {
                String toolkit = require(a.toolkitSlug(), "connected account toolkit_slug");
                String configId = a.authConfigId() != null ? requireAuthConfig(a.authConfigId()).id() : authConfigFor(toolkit).id();
                Instant created = instantOr(a.createdAt(), now());
                ConnectedAccount account = new ConnectedAccount(orNew(a.id(), "ca_"), require(a.userId(), "user_id"), toolkit,
                        configId, a.status() == null ? AccountStatus.ACTIVE : AccountStatus.valueOf(a.status().toUpperCase()),
                        a.statusReason(), created, instantOr(a.updatedAt(), created));
                accounts.put(account.id(), account);
            }
            for (SeedDocument.Trigger t : seed.triggers()) {
                ConnectedAccount account = accounts.get(t.connectedAccountId());
                Instant created = instantOr(t.createdAt(), now());
                Map<String, Object> config = t.triggerConfig() == null ? Map.of() : t.triggerConfig();
                TriggerInstance instance = new TriggerInstance(orNew(t.id(), "ti_"),
                        require(t.triggerName(), "trigger_name").toUpperCase(), require(t.connectedAccountId(), "connected_account_id"),
                        t.userId() != null ? t.userId() : account == null ? null : account.userId(), config, created,
                        instantOr(t.updatedAt(), created), t.disabledAt() == null ? null : Instant.parse(t.disabledAt()));
                put(new Stored(instance, t.authConfigId() != null ? t.authConfigId() : account == null ? null : account.authConfigId(),
                        CanonicalJson.of(config)));
            }
        });
    }

    // ---- internals ------------------------------------------------------------------------------

    private ConnectedAccount accountForUpsert(TriggerType type, String connectedAccountId, String userId) {
        String toolkit = type.toolkit().slug();
        if (connectedAccountId != null && !connectedAccountId.isBlank()) {
            ConnectedAccount account = accounts.get(connectedAccountId);
            if (account == null) {
                throw ApiException.badRequest("ConnectedAccount_NotFound",
                        "Connected account " + connectedAccountId + " not found", "Pass the id of one of the project's connected accounts");
            }
            if (!account.toolkitSlug().equals(toolkit)) {
                throw ApiException.badRequest("ConnectedAccount_ToolkitMismatch", "Connected account " + connectedAccountId
                        + " belongs to toolkit " + account.toolkitSlug() + ", trigger " + type.slug() + " needs " + toolkit, null);
            }
            if (account.status() != AccountStatus.ACTIVE) {
                throw ApiException.badRequest("ConnectedAccount_NotActive", "Connected account " + connectedAccountId
                        + " is " + account.status() + ", not ACTIVE", "Reconnect the account");
            }
            return account;
        }
        if (userId == null || userId.isBlank()) {
            throw ApiException.badRequest("TriggerInstance_AccountRequired",
                    "Either connected_account_id or user_id is required", null);
        }
        return accounts.values().stream()
                .filter(a -> a.userId().equals(userId) && a.toolkitSlug().equals(toolkit) && a.status() == AccountStatus.ACTIVE)
                .reduce((older, newer) -> newer.createdAt().isBefore(older.createdAt()) ? older : newer)
                .orElseThrow(() -> ApiException.badRequest("ConnectedAccount_NotFoundForUser",
                        "No ACTIVE connected account for user " + userId + " and toolkit " + toolkit,
                        "Connect a " + toolkit + " account for user " + userId));
    }

    private Iterable<Stored> candidates(TriggerQuery query) {
        if (query.triggerIds().isEmpty()) {
            return triggers.values();
        }
        // Asked by id: look them up instead of scanning; keep the list's creation order.
        List<Stored> found = new ArrayList<>();
        query.triggerIds().forEach(id -> Optional.ofNullable(triggers.get(id)).ifPresent(found::add));
        found.sort(Comparator.comparing((Stored s) -> s.instance().createdAt()));
        return found;
    }

    private void replace(String triggerId, Map<String, Object> config, Instant updatedAt, Instant disabledAt) {
        Stored old = triggers.get(triggerId);
        TriggerInstance t = old.instance();
        unindex(old);
        put(new Stored(new TriggerInstance(t.id(), t.slug(), t.connectedAccountId(), t.userId(), config, t.createdAt(),
                updatedAt, disabledAt), old.authConfigId(), CanonicalJson.of(config)));
    }

    private void put(Stored stored) {
        TriggerInstance t = stored.instance();
        triggers.put(t.id(), stored);
        byConfigKey.computeIfAbsent(stored.configKey(), k -> new LinkedHashSet<>()).add(t.id());
        bySlugAndAccount.computeIfAbsent(stored.slugAndAccountKey(), k -> new LinkedHashSet<>()).add(t.id());
    }

    private void remove(Stored stored) {
        triggers.remove(stored.instance().id());
        unindex(stored);
    }

    private void unindex(Stored stored) {
        removeFromIndex(byConfigKey, stored.configKey(), stored.instance().id());
        removeFromIndex(bySlugAndAccount, stored.slugAndAccountKey(), stored.instance().id());
    }

    private static void removeFromIndex(Map<String, Set<String>> index, String key, String id) {
        Set<String> ids = index.get(key);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            index.remove(key);
        }
    }

    private static Optional<String> newest(Set<String> ids) {
        String last = null;
        if (ids != null) {
            for (String id : ids) {
                last = id;
            }
        }
        return Optional.ofNullable(last);
    }

    private AuthConfig authConfigFor(String toolkitSlug) {
        return authConfigs.values().stream().filter(c -> c.toolkitSlug().equals(toolkitSlug)).findFirst()
                .orElseGet(() -> {
                    AuthConfig created = new AuthConfig(Ids.next("ac_"), toolkitSlug, toolkitSlug + " auth config",
                            "default", DEFAULT_AUTH_SCHEME, true, false, now());
                    authConfigs.put(created.id(), created);
                    return created;
                });
    }

    private AuthConfig requireAuthConfig(String id) {
        AuthConfig config = authConfigs.get(id);
        if (config == null) {
            throw new NoSuchElementException("auth config " + id + " not found");
        }
        return config;
    }

    private ConnectedAccount requireAccount(String id) {
        ConnectedAccount account = accounts.get(id);
        if (account == null) {
            throw new NoSuchElementException("connected account " + id + " not found");
        }
        return account;
    }

    private Stored requireTrigger(String id) {
        Stored stored = triggers.get(id);
        if (stored == null) {
            throw new NoSuchElementException("trigger " + id + " not found");
        }
        return stored;
    }

    private static ApiException triggerNotFound(String triggerId) {
        return ApiException.notFound("TriggerInstance_NotFound", "Trigger instance " + triggerId + " not found");
    }

    private static boolean matches(Set<String> wanted, String value) {
        return wanted.isEmpty() || wanted.contains(value);
    }

    private static String orNew(String id, String prefix) {
        return id == null || id.isBlank() ? Ids.next(prefix) : id;
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    private static Instant instantOr(String value, Instant fallback) {
        return value == null || value.isBlank() ? fallback : Instant.parse(value);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
            onChange.run();
        }
    }

    private void write(Runnable action) {
        write(() -> {
            action.run();
            return null;
        });
    }

    /** An instance with what the indexes and filters need besides the public record. */
    private record Stored(TriggerInstance instance, String authConfigId, String canonicalConfig) {

        String slugAndAccountKey() {
            return instance.slug() + "|" + instance.connectedAccountId();
        }

        String configKey() {
            return slugAndAccountKey() + "|" + canonicalConfig;
        }
    }
}
