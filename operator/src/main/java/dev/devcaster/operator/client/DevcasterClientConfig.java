package dev.devcaster.operator.client;

import java.net.URI;
import java.nio.file.Path;
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
 * @param proxy              HTTP proxy ({@code http://host:port}) every call goes through (HTTPS with
 *                           CONNECT); null: direct connections
 * @param caBundle           PEM file, or folder of PEM files, of CA certificates trusted besides the
 *                           JDK's default ones (see {@link TrustBundle}); null: the default trust only
 */
public record DevcasterClientConfig(Duration connectTimeout, Duration requestTimeout,
                                    double permitsPerSecond, Duration maxRateLimitWait,
                                    URI proxy, Path caBundle) {

    public DevcasterClientConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        if (permitsPerSecond < 0 || Double.isNaN(permitsPerSecond) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("permitsPerSecond must be >= 0, was " + permitsPerSecond);
        }
        if (proxy != null && (!"http".equals(proxy.getScheme()) || proxy.getHost() == null || proxy.getPort() < 0)) {
            throw new IllegalArgumentException("proxy must be http://host:port, was " + proxy);
        }
    }

    public DevcasterClientConfig(Duration connectTimeout, Duration requestTimeout, double permitsPerSecond,
                                 Duration maxRateLimitWait) {
        this(connectTimeout, requestTimeout, permitsPerSecond, maxRateLimitWait, null, null);
    }

    public static DevcasterClientConfig defaults() {
        return new DevcasterClientConfig(Duration.ofSeconds(5), Duration.ofSeconds(30), 20, Duration.ofSeconds(5));
    }

    public DevcasterClientConfig withConnectTimeout(Duration value) {
        return new DevcasterClientConfig(value, requestTimeout, permitsPerSecond, maxRateLimitWait, proxy, caBundle);
    }

    public DevcasterClientConfig withRequestTimeout(Duration value) {
        return new DevcasterClientConfig(connectTimeout, value, permitsPerSecond, maxRateLimitWait, proxy, caBundle);
    }

    public DevcasterClientConfig withRateLimit(double perSecond, Duration maxWait) {
        return new DevcasterClientConfig(connectTimeout, requestTimeout, perSecond, maxWait, proxy, caBundle);
    }

    /** Every call through this HTTP proxy; null for direct connections. */
    public DevcasterClientConfig withProxy(URI value) {
        return new DevcasterClientConfig(connectTimeout, requestTimeout, permitsPerSecond, maxRateLimitWait, value,
            caBundle);
    }

    /** Trust the CA certificates of this PEM file or folder besides the default ones; null for the default only. */
    public DevcasterClientConfig withCaBundle(Path value) {
        return new DevcasterClientConfig(connectTimeout, requestTimeout, permitsPerSecond, maxRateLimitWait, proxy,
            value);
    }
}
