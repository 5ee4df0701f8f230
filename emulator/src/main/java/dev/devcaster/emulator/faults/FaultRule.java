package dev.devcaster.emulator.faults;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One injected fault: which requests it applies to ({@link FaultScope}), when it fires (the next
 * {@code count} matching requests, or a {@code share} of them at random) and what it answers.
 * Immutable but for the remaining count, which matching requests use up concurrently.
 */
public final class FaultRule {

    private static final int[] SERVER_ERRORS = {500, 502, 503};

    /** What the rule answers. */
    public enum Effect {
        /** The connection is closed without a response. */
        DROP,
        /** A bare 429, with or without rate-limit headers. */
        RATE_LIMITED,
        /** The error envelope with a status; status 0 means 500, 502 or 503 at random. */
        ERROR,
        /** A proxy's HTML 404 instead of Devcaster's answer. */
        MISROUTED
    }

    private final Effect effect;
    private final FaultScope scope;
    /** Null for a rule that fires on a share of requests. */
    private final AtomicInteger remaining;
    private final double share;
    private final int status;
    private final RateLimitHeaders headers;
    private final long retryAfterSeconds;

    private FaultRule(Effect effect, FaultScope scope, Integer count, double share, int status,
                      RateLimitHeaders headers, long retryAfterSeconds) {
        this.effect = effect;
        this.scope = scope == null ? FaultScope.ANY : scope;
        this.remaining = count == null ? null : new AtomicInteger(count);
        this.share = share;
        this.status = status;
        this.headers = headers;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Fires on the next {@code count} requests in scope. */
    static FaultRule onNext(int count, Effect effect, FaultScope scope, int status, RateLimitHeaders headers,
                          long retryAfterSeconds) {
        return new FaultRule(effect, scope, count, 0, status, headers, retryAfterSeconds);
    }

    /** Fires on that share (0..1) of the requests in scope. */
    static FaultRule onShare(double share, Effect effect, FaultScope scope, int status, RateLimitHeaders headers,
                           long retryAfterSeconds) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("a share must be within 0..1: " + share);
        }
        return new FaultRule(effect, scope, null, share, status, headers, retryAfterSeconds);
    }

    public Effect effect() {
        return effect;
    }

    public FaultScope scope() {
        return scope;
    }

    /** True for "the next N requests", false for "a share of requests". */
    public boolean oneShot() {
        return remaining != null;
    }

    /** How many more requests it hits (one-shot rules), else -1. */
    public int remaining() {
        return remaining == null ? -1 : remaining.get();
    }

    /** The share of requests it hits (share rules), else 0. */
    public double share() {
        return share;
    }

    /** For ERROR: the status, 0 for 500/502/503 at random. */
    public int status() {
        return status;
    }

    /** For RATE_LIMITED. */
    public RateLimitHeaders headers() {
        return headers;
    }

    /** For RATE_LIMITED with headers. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    boolean active() {
        return remaining == null ? share > 0 : remaining.get() > 0;
    }

    /** A rule that a new one replaces: the same effect, the same kind of trigger, the same scope. */
    boolean sameSlot(FaultRule other) {
        return effect == other.effect && oneShot() == other.oneShot() && scope.equals(other.scope);
    }

    /** Whether the rule hits this request; a one-shot rule uses up one of its count when it does. */
    boolean fires(FaultTarget target) {
        if (!scope.matches(target)) {
            return false;
        }
        if (remaining != null) {
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }
        return share > 0 && ThreadLocalRandom.current().nextDouble() < share;
    }

    /** What this firing answers; random choices (which 5xx, which 429 flavour) are made here. */
    InjectedFault inject() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return switch (effect) {
            case DROP -> InjectedFault.drop();
            case RATE_LIMITED -> InjectedFault.rateLimited(
                    headers == RateLimitHeaders.WITH || headers == RateLimitHeaders.MIXED && random.nextBoolean(),
                    retryAfterSeconds);
            case ERROR -> InjectedFault.error(status != 0 ? status : SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)]);
            case MISROUTED -> InjectedFault.misrouted();
        };
    }
}
