package dev.devcaster.stress.bench;

import dev.devcaster.emulator.requests.RequestLog;

import java.util.Map;
import java.util.TreeMap;

/**
 * Calls the emulator served in a phase, by endpoint, from the request log's exact per-endpoint
 * counters (the log's entries are a bounded ring; the counters are not). Phases run one at a time,
 * so a difference of two snapshots is what the one active client sent.
 *
 * @param byEndpoint route template ("POST /api/v3/trigger_instances/{slug}/upsert") → requests, any status
 */
public record RemoteCalls(Map<String, Long> byEndpoint) {

    public static RemoteCalls snapshot(RequestLog log) {
        return new RemoteCalls(new TreeMap<>(log.counters()));
    }

    /** What was sent between {@code before} and this snapshot. */
    public RemoteCalls since(RemoteCalls before) {
        Map<String, Long> d = new TreeMap<>();
        byEndpoint.forEach((k, v) -> {
            long diff = v - before.byEndpoint.getOrDefault(k, 0L);
            if (diff != 0) {
                d.put(k, diff);
            }
        });
        return new RemoteCalls(d);
    }

    public long total() {
        return byEndpoint.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Upserts, enable/disable, deletes: calls that change something at Devcaster. */
    public long writes() {
        return byEndpoint.entrySet().stream().filter(e -> isWrite(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** GETs of a collection (a page of trigger instances, accounts, types), not of one item by id or slug. */
    public long lists() {
        return byEndpoint.entrySet().stream().filter(e -> isList(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** GETs of one item (a trigger type by slug, an account by id). */
    public long itemReads() {
        return total() - writes() - lists();
    }

    static boolean isWrite(String endpoint) {
        return !endpoint.startsWith("GET ");
    }

    static boolean isList(String endpoint) {
        return endpoint.startsWith("GET ") && !endpoint.endsWith("}");
    }
}
