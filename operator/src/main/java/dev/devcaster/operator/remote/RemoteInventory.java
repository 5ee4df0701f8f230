package dev.devcaster.operator.remote;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.devcaster.operator.client.ConnectedAccount;
import dev.devcaster.operator.client.ConnectedAccountQuery;
import dev.devcaster.operator.client.ConnectedAccountsApi;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.TriggerInstanceQuery;
import dev.devcaster.operator.client.TriggerInstancesApi;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * All trigger instances and connected accounts of one Devcaster project, read page by page and
 * shared by every Trigger of that API key for a while. Resyncs check drift against it, so a
 * period costs O(N / page size) remote calls per key instead of calls per Trigger. It is only
 * ever used to confirm that nothing changed; any difference sends the Trigger down the full
 * path, which reads fresh.
 */
public final class RemoteInventory {

    private static final int PAGE = 1000;

    /** One project's remote state at one moment. */
    public record Snapshot(Map<String, TriggerInstance> instances, Map<String, ConnectedAccount> accounts) {
    }

    private final TriggerInstancesApi instances;
    private final ConnectedAccountsApi accounts;
    private final Cache<String, Snapshot> snapshots;

    public RemoteInventory(TriggerInstancesApi instances, ConnectedAccountsApi accounts, Duration maxAge) {
        this.instances = instances;
        this.accounts = accounts;
        this.snapshots = Caffeine.newBuilder().expireAfterWrite(maxAge).maximumSize(1000).build();
    }

    public Snapshot snapshot(DevcasterCredentials credentials) {
        return snapshots.get(credentials.fingerprint(), key -> new Snapshot(
            instances.listAll(credentials, TriggerInstanceQuery.includingDisabled().withLimit(PAGE)).stream()
                .collect(Collectors.toMap(TriggerInstance::id, Function.identity(), (a, b) -> a)),
            accounts.listAll(credentials, ConnectedAccountQuery.all().withLimit(PAGE)).stream()
                .collect(Collectors.toMap(ConnectedAccount::id, Function.identity(), (a, b) -> a))));
    }
}
