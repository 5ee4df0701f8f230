package dev.devcaster.emulator.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A fixed-window request quota per API key, reporting what the X-RateLimit headers need. */
public final class RateQuota {

    private final int limit;
    private final Duration window;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateQuota(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }

    /** Counts one request for the key and tells whether it is within the quota. */
    public Usage consume(String keyId, Instant now) {
        Window current = windows.compute(keyId, (k, w) ->
                w == null || !now.isBefore(w.end) ? new Window(now.plus(window), 1) : new Window(w.end, w.used + 1));
        long retryAfter = Math.max(1, (long) Math.ceil(Duration.between(now, current.end).toMillis() / 1000.0));
        return new Usage(current.used <= limit, Math.max(0, limit - current.used), retryAfter);
    }

    /** {@code allowed}: within the quota; {@code retryAfterSeconds}: until the window resets. */
    public record Usage(boolean allowed, int remaining, long retryAfterSeconds) {
    }

    private record Window(Instant end, int used) {
    }
}
