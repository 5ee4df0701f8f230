package dev.devcaster.operator.client;

import java.time.Duration;
import java.util.Optional;

/**
 * Too many requests: either the server answered 429, or the client-side limit for this API key
 * had no permit within the allowed wait ({@link #local()}, nothing was sent).
 */
public final class RateLimitedException extends DevcasterException {

    private final transient Optional<Duration> retryAfter;
    private final boolean local;

    public RateLimitedException(ApiError error, Optional<Duration> retryAfter, boolean local) {
        super(error, null);
        this.retryAfter = retryAfter;
        this.local = local;
    }

    /** The server's {@code Retry-After}; empty when it sent none (edge 429s come without headers). */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** True when the client-side limiter refused the call and no request was sent. */
    public boolean local() {
        return local;
    }
}
