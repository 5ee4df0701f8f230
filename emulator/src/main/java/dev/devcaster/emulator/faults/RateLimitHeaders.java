package dev.devcaster.emulator.faults;

/** What an injected 429 carries besides its bare {@code {"message": ...}} body. */
public enum RateLimitHeaders {
    /** {@code Retry-After} and the {@code X-RateLimit*} headers. */
    WITH,
    /** No header at all, as an edge 429 may come. */
    WITHOUT,
    /** One or the other at random, per response. */
    MIXED
}
