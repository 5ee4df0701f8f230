package dev.devcaster.operator.client;

import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How fast one API key may call: one rate limit per key, shared by every caller of that key (the
 * remote quota is per organisation, counted over a window of seconds, so a key idle for a second may
 * spend that second's calls at once: a {@link #burst()}), and a pause of the whole key after Devcaster answered 429,
 * until its {@code Retry-After} (capped, with a floor and a little jitter). A call that may not go
 * fails at once with a local {@link RateLimitedException} and sends nothing, so no caller's thread
 * waits for another key's limit.
 */
final class ApiKeyThrottle {

    static final Duration PAUSE_FLOOR = Duration.ofSeconds(1);
    static final Duration PAUSE_CAP = Duration.ofMinutes(5);
    /** When a 429 came without Retry-After. */
    static final Duration PAUSE_DEFAULT = Duration.ofSeconds(5);

    private final Duration interval;
    private final int burst;
    private final Duration maxWait;
    private final Map<String, RateLimiter<Object>> limiters = new ConcurrentHashMap<>();
    private final Map<String, Long> pausedUntil = new ConcurrentHashMap<>();

    ApiKeyThrottle(double permitsPerSecond, Duration maxWait) {
        this.interval = permitsPerSecond == 0 ? null : Duration.ofNanos(Math.max(1, Math.round(1e9 / permitsPerSecond)));
        this.burst = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(permitsPerSecond)));
        this.maxWait = maxWait;
    }

    /** How many calls a key that has been idle for a second may make back to back. */
    int burst() {
        return burst;
    }

    /** The time between two calls of one key; empty when there is no limit. */
    Optional<Duration> interval() {
        return Optional.ofNullable(interval);
    }

    /** @throws RateLimitedException (local) when the key is paused or has no permit within the allowed wait */
    void acquire(DevcasterCredentials credentials, String endpoint) {
        Optional<Duration> paused = pausedFor(credentials);
        if (paused.isPresent()) {
            throw new RateLimitedException(ApiError.withoutResponse(endpoint, "API key " + credentials.fingerprint()
                + " is paused after a 429 from Devcaster"), paused, true);
        }
        if (interval == null) {
            return;
        }
        RateLimiter<Object> limiter = limiters.computeIfAbsent(credentials.fingerprint(),
                key -> RateLimiter.burstyBuilder(burst, interval.multipliedBy(burst)).build());
        try {
            if (!limiter.tryAcquirePermit(maxWait)) {
                throw new RateLimitedException(ApiError.withoutResponse(endpoint,
                        "Client-side rate limit for API key " + credentials.fingerprint() + " reached"),
                        Optional.of(maxWait.compareTo(interval) > 0 ? maxWait : interval), true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException(ApiError.withoutResponse(endpoint, "Interrupted while waiting for a rate-limit permit"), e);
        }
    }

    /** Devcaster said 429: every caller of this key holds back until the time it asked for. */
    void pause(DevcasterCredentials credentials, Optional<Duration> retryAfter) {
        Duration wait = retryAfter.orElse(PAUSE_DEFAULT);
        wait = wait.compareTo(PAUSE_FLOOR) < 0 ? PAUSE_FLOOR : wait.compareTo(PAUSE_CAP) > 0 ? PAUSE_CAP : wait;
        long jitter = ThreadLocalRandom.current().nextLong(wait.toNanos() / 10 + 1);
        long until = System.nanoTime() + wait.toNanos() + jitter;
        pausedUntil.merge(credentials.fingerprint(), until, Math::max);
    }

    /** How much longer the key is paused; empty when it is not. */
    Optional<Duration> pausedFor(DevcasterCredentials credentials) {
        Long until = pausedUntil.get(credentials.fingerprint());
        long left = until == null ? 0 : until - System.nanoTime();
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }
}
