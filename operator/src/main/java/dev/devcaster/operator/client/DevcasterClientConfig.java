package dev.devcaster.operator.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Client settings.
 *
 * @param connectTimeout     TCP/TLS connect timeout
 * @param requestTimeout     time to wait for a response to one HTTP attempt
 * @param permitsPerSecond   client-side requests per second per API key; 0 turns the limit off.
 *                           Keep it below the remote quota (2000 per 60 s per organisation).
 * @param maxRateLimitWait   how long a call may wait for a permit before it fails with a local
 *                           {@link RateLimitedException}, so a reconcile thread is never parked long
 */
public record DevcasterClientConfig(Duration connectTimeout, Duration requestTimeout,
                                    double permitsPerSecond, Duration maxRateLimitWait) {

    public DevcasterClientConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        if (permitsPerSecond < 0 || Double.isNaN(permitsPerSecond) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("permitsPerSecond must be >= 0, was " + permitsPerSecond);
        }
    }

    public static DevcasterClientConfig defaults() {
        return new DevcasterClientConfig(Duration.ofSeconds(5), Duration.ofSeconds(30), 20, Duration.ofSeconds(5));
    }

    public DevcasterClientConfig withConnectTimeout(Duration value) {
        return new DevcasterClientConfig(value, requestTimeout, permitsPerSecond, maxRateLimitWait);
    }

    public DevcasterClientConfig withRequestTimeout(Duration value) {
        return new DevcasterClientConfig(connectTimeout, value, permitsPerSecond, maxRateLimitWait);
    }

    public DevcasterClientConfig withRateLimit(double perSecond, Duration maxWait) {
        return new DevcasterClientConfig(connectTimeout, requestTimeout, perSecond, maxWait);
    }
}
