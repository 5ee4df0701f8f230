package dev.devcaster.emulator.requests;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests to the public API. Entries are a bounded ring (long benchmarks must not exhaust the
 * heap) while the per-endpoint counters stay exact.
 */
public final class RequestLog {

    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final ArrayDeque<RequestRecord> entries;
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    public RequestLog(int capacity) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public void add(RequestRecord record) {
        counters.computeIfAbsent(record.endpoint(), k -> new LongAdder()).increment();
        synchronized (entries) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(record);
        }
    }

    /** The most recent entries, oldest first. */
    public List<RequestRecord> entries() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }

    /** Requests to that route template, whatever their status. */
    public long count(String endpoint) {
        LongAdder adder = counters.get(endpoint);
        return adder == null ? 0 : adder.sum();
    }

    public Map<String, Long> counters() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((endpoint, adder) -> snapshot.put(endpoint, adder.sum()));
        return snapshot;
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
        counters.clear();
    }
}
