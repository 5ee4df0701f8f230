package dev.devcaster.emulator.store;

import dev.devcaster.emulator.catalog.CanonicalJson;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.AuthConfig;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.emulator.state.SeedDocument;
import java.time.Instant;
import java.util.Map;

/** A project to and from the seed format. Callers hold the project's lock. */
final class ProjectSeeds {

    private ProjectSeeds() {
    }

    static SeedDocument.Project toSeed(String apiKey, AccountBook accounts, TriggerBook triggers) {
        return new SeedDocument.Project(apiKey,
                accounts.authConfigs().stream().map(c -> new SeedDocument.AuthConfig(c.id(), c.toolkitSlug(), c.name(),
                        c.type(), c.authScheme(), c.devcasterManaged(), c.disabled(), c.createdAt().toString())).toList(),
                accounts.accounts().stream().map(a -> new SeedDocument.Account(a.id(), a.userId(), a.toolkitSlug(),
                        a.authConfigId(), a.status().name(), a.statusReason(), a.createdAt().toString(),
                        a.updatedAt().toString())).toList(),
                triggers.stored().stream().map(s -> {
                    TriggerInstance t = s.instance();
                    return new SeedDocument.Trigger(t.id(), t.slug(), t.connectedAccountId(), t.userId(), s.authConfigId(),
                            t.config(), t.createdAt().toString(), t.updatedAt().toString(),
                            t.disabledAt() == null ? null : t.disabledAt().toString());
                }).toList());
    }

    /** Adds the seeded entities; ids and timestamps given in the seed are kept. */
    static void apply(SeedDocument.Project seed, AccountBook accounts, TriggerBook triggers) {
        for (SeedDocument.AuthConfig c : seed.authConfigs()) {
            accounts.put(new AuthConfig(orNew(c.id(), "ac_"), require(c.toolkitSlug(), "auth config toolkit_slug"),
                    c.name() == null ? c.toolkitSlug() + " auth config" : c.name(), c.type() == null ? "default" : c.type(),
                    c.authScheme() == null ? AccountBook.DEFAULT_AUTH_SCHEME : c.authScheme(),
                    c.devcasterManaged() == null || c.devcasterManaged(), Boolean.TRUE.equals(c.disabled()),
                    instantOr(c.createdAt(), Project.now())));
        }
        for (SeedDocument.Account a : seed.connectedAccounts()) {
            String toolkit = require(a.toolkitSlug(), "connected account toolkit_slug");
            String configId = a.authConfigId() != null
                    ? accounts.requireAuthConfig(a.authConfigId()).id() : accounts.authConfigFor(toolkit).id();
            Instant created = instantOr(a.createdAt(), Project.now());
            accounts.put(new ConnectedAccount(orNew(a.id(), "ca_"), require(a.userId(), "user_id"), toolkit,
                    configId, a.status() == null ? AccountStatus.ACTIVE : AccountStatus.valueOf(a.status().toUpperCase()),
                    a.statusReason(), created, instantOr(a.updatedAt(), created)));
        }
        for (SeedDocument.Trigger t : seed.triggers()) {
            ConnectedAccount account = accounts.account(t.connectedAccountId()).orElse(null);
            Instant created = instantOr(t.createdAt(), Project.now());
            Map<String, Object> config = t.triggerConfig() == null ? Map.of() : t.triggerConfig();
            TriggerInstance instance = new TriggerInstance(orNew(t.id(), "ti_"),
                    require(t.triggerName(), "trigger_name").toUpperCase(), require(t.connectedAccountId(), "connected_account_id"),
                    t.userId() != null ? t.userId() : account == null ? null : account.userId(), config, created,
                    instantOr(t.updatedAt(), created), t.disabledAt() == null ? null : Instant.parse(t.disabledAt()));
            triggers.put(new TriggerBook.Stored(instance,
                    t.authConfigId() != null ? t.authConfigId() : account == null ? null : account.authConfigId(),
                    CanonicalJson.of(config)));
        }
    }

    private static String orNew(String id, String prefix) {
        return id == null || id.isBlank() ? Ids.next(prefix) : id;
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw StoreException.invalid("Seed_FieldRequired", what + " is required", null);
        }
        return value;
    }

    private static Instant instantOr(String value, Instant fallback) {
        return value == null || value.isBlank() ? fallback : Instant.parse(value);
    }
}
