package dev.devcaster.operator.remote;

import dev.devcaster.operator.client.ConnectedAccount;
import dev.devcaster.operator.client.ConnectedAccountQuery;
import dev.devcaster.operator.client.ConnectedAccountsApi;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.Page;
import dev.devcaster.operator.client.RateLimitedException;
import dev.devcaster.operator.client.TransientException;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.TriggerInstanceQuery;
import dev.devcaster.operator.client.TriggerInstancesApi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The remote state of what one project's Triggers manage, read in as few calls as the case allows:
 * instances by id in batches ({@code trigger_ids}) or by listing the whole project, whichever is
 * fewer pages; accounts only the ones in use ({@code connected_account_ids}). A project with
 * 200,000 end-user accounts and 3 Triggers costs two calls, not 200 pages. A failed page is retried
 * with backoff before the snapshot gives up. Used only to confirm that nothing changed: any
 * difference sends a Trigger down the full sync, which reads fresh.
 */
public final class RemoteInventory {

    /** Ids per filtered call: keeps request URLs short (~2 KB). */
    static final int IDS_PER_CALL = 100;
    static final int PAGE = 1000;
    private static final int ATTEMPTS = 3;

    /** One project's remote state at one moment, for the ids asked for. */
    public record Snapshot(Map<String, TriggerInstance> instances, Map<String, ConnectedAccount> accounts,
                           int calls) {
    }

    private final TriggerInstancesApi instances;
    private final ConnectedAccountsApi accounts;
    private final Duration retryBackoff;

    public RemoteInventory(TriggerInstancesApi instances, ConnectedAccountsApi accounts, Duration retryBackoff) {
        this.instances = instances;
        this.accounts = accounts;
        this.retryBackoff = retryBackoff;
    }

    /**
     * @throws dev.devcaster.operator.client.DevcasterException when a page keeps failing
     */
    public Snapshot snapshot(DevcasterCredentials key, Set<String> triggerIds, Set<String> accountIds) {
        int[] calls = {0};
        Map<String, TriggerInstance> found = instancesOf(key, triggerIds, calls);
        Map<String, ConnectedAccount> inUse = new HashMap<>();
        for (List<String> batch : batches(accountIds)) {
            Page<ConnectedAccount> page = retrying(() -> accounts.list(key, ConnectedAccountQuery.all()
                .withConnectedAccountIds(batch.toArray(String[]::new)).withLimit(PAGE), null), calls);
            page.items().forEach(a -> inUse.put(a.id(), a));
        }
        return new Snapshot(found, inUse, calls[0]);
    }

    private Map<String, TriggerInstance> instancesOf(DevcasterCredentials key, Set<String> ids, int[] calls) {
        Map<String, TriggerInstance> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        if (ids.size() <= IDS_PER_CALL) {
            byIds(key, ids, found, calls);
            return found;
        }
        // The first page of the whole project tells its size; then list on, or ask for the rest by id.
        Page<TriggerInstance> first = retrying(() -> instances.list(key, listing(), null), calls);
        first.items().forEach(i -> found.put(i.id(), i));
        Set<String> missing = new HashSet<>(ids);
        missing.removeAll(found.keySet());
        int pagesLeft = first.totalPages() == null ? Integer.MAX_VALUE : first.totalPages() - 1;
        int batchesLeft = (missing.size() + IDS_PER_CALL - 1) / IDS_PER_CALL;
        if (first.hasNext() && pagesLeft <= batchesLeft) {
            String cursor = first.nextCursor();
            while (cursor != null) {
                String at = cursor;
                Page<TriggerInstance> page = retrying(() -> instances.list(key, listing(), at), calls);
                page.items().forEach(i -> found.put(i.id(), i));
                cursor = page.nextCursor();
            }
        } else if (first.hasNext()) {
            byIds(key, missing, found, calls);
        }
        found.keySet().retainAll(ids);
        return found;
    }

    private void byIds(DevcasterCredentials key, Set<String> ids, Map<String, TriggerInstance> found, int[] calls) {
        for (List<String> batch : batches(ids)) {
            Page<TriggerInstance> page = retrying(() -> instances.list(key, TriggerInstanceQuery.includingDisabled()
                .withTriggerIds(batch.toArray(String[]::new)).withLimit(PAGE), null), calls);
            page.items().forEach(i -> found.put(i.id(), i));
        }
    }

    private static TriggerInstanceQuery listing() {
        return TriggerInstanceQuery.includingDisabled().withLimit(PAGE);
    }

    /** A page that failed transiently is asked again after a backoff, a few times. */
    private <T> Page<T> retrying(Supplier<Page<T>> call, int[] calls) {
        for (int attempt = 1; ; attempt++) {
            calls[0]++;
            try {
                return call.get();
            } catch (TransientException | RateLimitedException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                Duration wait = e instanceof RateLimitedException r ? r.retryAfter().orElse(retryBackoff)
                    : retryBackoff.multipliedBy(attempt);
                sleep(wait.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait);
            }
        }
    }

    private static List<List<String>> batches(Set<String> ids) {
        List<String> sorted = ids.stream().sorted().toList();
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += IDS_PER_CALL) {
            batches.add(sorted.subList(i, Math.min(sorted.size(), i + IDS_PER_CALL)));
        }
        return batches;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to read a page again", e);
        }
    }
}
