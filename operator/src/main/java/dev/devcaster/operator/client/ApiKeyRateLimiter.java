package dev.devcaster.operator.client;

import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One smooth rate limit per API key, shared by every caller of that key: the remote quota is per
 * organisation, so many Triggers of one key must not add up to a burst that locks the account out.
 */
final class ApiKeyRateLimiter {

    private final Duration interval;
    private final Duration maxWait;
    private final Map<String, RateLimiter<Object>> limiters = new ConcurrentHashMap<>();

    ApiKeyRateLimiter(double permitsPerSecond, Duration maxWait) {
        this.interval = permitsPerSecond == 0 ? null : Duration.ofNanos(Math.max(1, Math.round(1e9 / permitsPerSecond)));
        this.maxWait = maxWait;
    }

    /**
     * Blocks up to the configured wait for a permit, else fails without sending anything. The
     * suggested retry is never shorter than one interval, so a zero wait cannot make a hot loop.
     */
    void acquire(DevcasterCredentials credentials, String endpoint) {
        if (interval == null) {
            return;
        }
        RateLimiter<Object> limiter = limiters.computeIfAbsent(credentials.fingerprint(),
                key -> RateLimiter.smoothBuilder(interval).build());
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
}
