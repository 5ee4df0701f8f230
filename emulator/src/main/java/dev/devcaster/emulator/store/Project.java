package dev.devcaster.emulator.store;

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
import dev.devcaster.emulator.state.SeedDocument;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Everything one API key sees: auth configs, connected accounts and trigger instances. A
 * read-write lock per project keeps projects independent under concurrent clients. Refusals are
 * {@link StoreException}s; the web layers turn them into statuses.
 */
public final class Project {

    private final String apiKey;
    private final Supplier<MatchKeyMode> matchKeyMode;
    private final Runnable onChange;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final AccountBook accounts = new AccountBook();
    private final TriggerBook triggers = new TriggerBook();

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
        AuthConfig config = AccountBook.newAuthConfig(toolkitSlug);
        write(() -> accounts.put(config));
        return config;
    }

    /** Uses the project's first auth config of the toolkit, creating one when there is none. */
    public ConnectedAccount addConnectedAccount(String userId, String toolkitSlug, AccountStatus status, Instant createdAt) {
        return addConnectedAccount(userId, toolkitSlug, null, status, createdAt);
    }

    public ConnectedAccount addConnectedAccount(String userId, String toolkitSlug, String authConfigId,
                                                AccountStatus status, Instant createdAt) {
        Instant created = createdAt == null ? now() : createdAt;
        return write(() -> accounts.add(userId, toolkitSlug, authConfigId, status, created));
    }

    public void setAccountStatus(String connectedAccountId, AccountStatus status) {
        write(() -> accounts.setStatus(connectedAccountId, status, now()));
    }

    public void deleteConnectedAccount(String connectedAccountId) {
        write(() -> accounts.delete(connectedAccountId));
    }

    public List<AuthConfig> authConfigs() {
        return read(() -> List.copyOf(accounts.authConfigs()));
    }

    public Optional<AuthConfig> authConfig(String id) {
        return read(() -> accounts.authConfig(id));
    }

    public List<ConnectedAccount> connectedAccounts() {
        return read(() -> List.copyOf(accounts.accounts()));
    }

    public Optional<ConnectedAccount> connectedAccount(String id) {
        return read(() -> accounts.account(id));
    }

    /** How many connected accounts use the auth config. */
    public long connectionCount(String authConfigId) {
        return read(() -> accounts.connectionCount(authConfigId));
    }

    public List<ConnectedAccount> findAccounts(AccountQuery query) {
        return read(() -> accounts.find(query));
    }

    // ---- trigger instances: out-of-band (Java and admin API) ---------------------------------

    /** A snapshot of every instance, disabled ones included, oldest first. */
    public List<TriggerInstance> triggers() {
        return read(() -> triggers.stored().stream().map(TriggerBook.Stored::instance).toList());
    }

    public Optional<TriggerInstance> trigger(String triggerId) {
        return read(() -> triggers.get(triggerId).map(TriggerBook.Stored::instance));
    }

    /** Disables the instance the way Devcaster does on its own (expired connection, failing poll). */
    public void disableTrigger(String triggerId) {
        write(() -> {
            TriggerInstance instance = triggers.require(triggerId).instance();
            if (instance.enabled()) {
                Instant at = now();
                triggers.replace(triggerId, instance.config(), at, at);
            }
        });
    }

    public void deleteTrigger(String triggerId) {
        write(() -> triggers.remove(triggers.require(triggerId)));
    }

    /** Config drift made behind the client's back. */
    public void replaceTriggerConfig(String triggerId, Map<String, Object> config) {
        write(() -> {
            TriggerInstance instance = triggers.require(triggerId).instance();
            triggers.replace(triggerId, config, now(), instance.disabledAt());
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
            ConnectedAccount account = accounts.forUpsert(type, connectedAccountId, userId);
            Optional<TriggerBook.Stored> existing = triggers.match(matchKeyMode.get(), type.slug(), account.id(), canonical);
            if (existing.isPresent()) {
                TriggerBook.Stored stored = existing.get();
                boolean configChanged = !stored.canonicalConfig().equals(canonical);
                if (configChanged || !stored.instance().enabled()) {
                    triggers.replace(stored.instance().id(), config, now(), null);
                }
                return new UpsertOutcome(stored.instance().id(), false);
            }
            Instant at = now();
            TriggerInstance created = new TriggerInstance(Ids.next("ti_"), type.slug(), account.id(), account.userId(),
                    config, at, at, null);
            triggers.put(new TriggerBook.Stored(created, account.authConfigId(), canonical));
            return new UpsertOutcome(created.id(), true);
        });
    }

    public List<TriggerInstance> findTriggers(TriggerQuery query) {
        return read(() -> triggers.find(query));
    }

    /** PATCH manage: not found when unknown, a conflict when it is already in that state. */
    public void setTriggerEnabled(String triggerId, boolean enabled) {
        write(() -> {
            TriggerInstance instance = triggers.requireForApi(triggerId).instance();
            if (instance.enabled() == enabled) {
                throw StoreException.conflict("TriggerInstance_StatusUnchanged",
                        "Trigger " + triggerId + " is already " + (enabled ? "enabled" : "disabled"));
            }
            Instant at = now();
            triggers.replace(triggerId, instance.config(), at, enabled ? null : at);
        });
    }

    /** DELETE manage: not found when it is not there. */
    public void deleteTriggerFromApi(String triggerId) {
        write(() -> triggers.remove(triggers.requireForApi(triggerId)));
    }

    // ---- seed and persistence -----------------------------------------------------------------

    public SeedDocument.Project toSeed() {
        return read(() -> ProjectSeeds.toSeed(apiKey, accounts, triggers));
    }

    /** Adds the seeded entities; ids and timestamps given in the seed are kept. */
    public void applySeed(SeedDocument.Project seed) {
        write(() -> ProjectSeeds.apply(seed, accounts, triggers));
    }

    // ---- locking ------------------------------------------------------------------------------

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
}
