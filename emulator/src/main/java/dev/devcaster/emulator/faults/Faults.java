package dev.devcaster.emulator.faults;

import dev.devcaster.emulator.faults.FaultRule.Effect;
import dev.devcaster.emulator.model.MatchKeyMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Faults injected into the public API (never into /_emulator). Every setter is thread-safe and
 * takes effect for the next request.
 *
 * <p>One-shot faults ({@code …Next}) hit the next N requests in their scope; random ones
 * ({@code …Rate}) hit a share of them. A scope ({@link FaultScope}) limits a fault to a method,
 * a route and/or an API key; the methods without one apply to every request. Setting a fault
 * replaces the one of the same kind and scope; a count or share of 0 removes it. For one request,
 * one-shot faults come first (drop, 429, error, misrouted 404), then an outage, then the random
 * ones (error, 429, misrouted 404).
 */
public final class Faults {

    private static final List<Effect> ONE_SHOT_ORDER = List.of(Effect.DROP, Effect.RATE_LIMITED, Effect.ERROR, Effect.MISROUTED);
    private static final List<Effect> RANDOM_ORDER = List.of(Effect.ERROR, Effect.RATE_LIMITED, Effect.MISROUTED);
    /** What Devcaster's edge sends when a 429 has headers and no quota says otherwise. */
    private static final long DEFAULT_RETRY_AFTER_SECONDS = 1;

    private final MatchKeyMode defaultMatchKeyMode;
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean outage;
    /** Copy-on-write: requests read it without a lock, setters replace it under this object's lock. */
    private volatile List<FaultRule> rules = List.of();
    private volatile MatchKeyMode matchKeyMode;
    private volatile RateQuota rateQuota;

    public Faults(MatchKeyMode defaultMatchKeyMode) {
        this.defaultMatchKeyMode = defaultMatchKeyMode;
        this.matchKeyMode = defaultMatchKeyMode;
    }

    public Faults latency(Duration value) {
        latency = value == null ? Duration.ZERO : value;
        return this;
    }

    /** That share (0..1) of requests answers 500, 502 or 503 at random. */
    public Faults errorRate(double share) {
        return errorRate(share, FaultScope.ANY);
    }

    /** That share (0..1) of the requests in scope answers 500, 502 or 503 at random. */
    public Faults errorRate(double share, FaultScope scope) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("error rate must be within 0..1: " + share);
        }
        return set(FaultRule.onShare(share, Effect.ERROR, scope, 0, null, 0));
    }

    public Faults outage(boolean on) {
        outage = on;
        return this;
    }

    /** The next {@code count} requests answer a bare 429; with headers: Retry-After (1 s) and X-RateLimit-*. */
    public Faults rateLimitNext(int count, boolean withHeaders) {
        return rateLimitNext(count, withHeaders ? RateLimitHeaders.WITH : RateLimitHeaders.WITHOUT,
                DEFAULT_RETRY_AFTER_SECONDS, FaultScope.ANY);
    }

    /** The next {@code count} requests in scope answer a bare 429 with those headers. */
    public Faults rateLimitNext(int count, RateLimitHeaders headers, long retryAfterSeconds, FaultScope scope) {
        return set(FaultRule.onNext(count, Effect.RATE_LIMITED, scope, 429, headers(headers), retryAfter(retryAfterSeconds)));
    }

    /** That share (0..1) of requests answers a bare 429 with those headers. */
    public Faults rateLimitRate(double share, RateLimitHeaders headers, long retryAfterSeconds) {
        return rateLimitRate(share, headers, retryAfterSeconds, FaultScope.ANY);
    }

    /** That share (0..1) of the requests in scope answers a bare 429 with those headers. */
    public Faults rateLimitRate(double share, RateLimitHeaders headers, long retryAfterSeconds, FaultScope scope) {
        return set(FaultRule.onShare(share, Effect.RATE_LIMITED, scope, 429, headers(headers), retryAfter(retryAfterSeconds)));
    }

    /** The next {@code count} requests lose their connection without any response. */
    public Faults dropNext(int count) {
        return dropNext(count, FaultScope.ANY);
    }

    /** The next {@code count} requests in scope lose their connection without any response. */
    public Faults dropNext(int count, FaultScope scope) {
        return set(FaultRule.onNext(count, Effect.DROP, scope, 0, null, 0));
    }

    /** The next {@code count} requests answer {@code status} with the error envelope. */
    public Faults failNext(int count, int status) {
        return failNext(count, status, FaultScope.ANY);
    }

    /** The next {@code count} requests in scope answer {@code status} with the error envelope. */
    public Faults failNext(int count, int status, FaultScope scope) {
        return set(FaultRule.onNext(count, Effect.ERROR, scope, status, null, 0));
    }

    /** The next {@code count} requests in scope answer a proxy's HTML 404, not Devcaster's envelope. */
    public Faults misroutedNext(int count, FaultScope scope) {
        return set(FaultRule.onNext(count, Effect.MISROUTED, scope, 404, null, 0));
    }

    /** That share (0..1) of the requests in scope answers a proxy's HTML 404. */
    public Faults misroutedRate(double share, FaultScope scope) {
        return set(FaultRule.onShare(share, Effect.MISROUTED, scope, 404, null, 0));
    }

    public Faults matchKeyMode(MatchKeyMode mode) {
        matchKeyMode = mode;
        return this;
    }

    /** A per-API-key quota with real rate-limit headers on every response; 0 requests turns it off. */
    public Faults rateLimit(int requests, Duration window) {
        rateQuota = requests <= 0 ? null : new RateQuota(requests, window);
        return this;
    }

    /** Back to a healthy server with the match-key mode the emulator started with. */
    public void clear() {
        latency = Duration.ZERO;
        outage = false;
        synchronized (this) {
            rules = List.of();
        }
        matchKeyMode = defaultMatchKeyMode;
        rateQuota = null;
    }

    public Duration currentLatency() {
        return latency;
    }

    public boolean currentOutage() {
        return outage;
    }

    /** The one-shot faults with requests left and the random ones, in the order they were set. */
    public List<FaultRule> currentRules() {
        return rules.stream().filter(FaultRule::active).toList();
    }

    public MatchKeyMode currentMatchKeyMode() {
        return matchKeyMode;
    }

    public Optional<RateQuota> currentRateQuota() {
        return Optional.ofNullable(rateQuota);
    }

    /** Decides, once per request, which one-shot or random fault hits it; the quota is separate. */
    public Optional<InjectedFault> next(FaultTarget target) {
        List<FaultRule> current = rules;
        if (!current.isEmpty()) {
            Optional<InjectedFault> oneShot = firstFiring(current, ONE_SHOT_ORDER, true, target);
            if (oneShot.isPresent()) {
                return oneShot;
            }
        }
        if (outage) {
            return Optional.of(InjectedFault.error(503));
        }
        return current.isEmpty() ? Optional.empty() : firstFiring(current, RANDOM_ORDER, false, target);
    }

    private static Optional<InjectedFault> firstFiring(List<FaultRule> rules, List<Effect> order, boolean oneShot,
                                                       FaultTarget target) {
        for (Effect effect : order) {
            for (FaultRule rule : rules) {
                if (rule.effect() == effect && rule.oneShot() == oneShot && rule.fires(target)) {
                    return Optional.of(rule.inject());
                }
            }
        }
        return Optional.empty();
    }

    /** Replaces the rule of the same kind and scope; an inactive rule (count or share 0) only removes. */
    private synchronized Faults set(FaultRule rule) {
        List<FaultRule> next = new ArrayList<>();
        for (FaultRule existing : rules) {
            if (existing.active() && !existing.sameSlot(rule)) {
                next.add(existing);
            }
        }
        if (rule.active()) {
            next.add(rule);
        }
        rules = List.copyOf(next);
        return this;
    }

    private static RateLimitHeaders headers(RateLimitHeaders headers) {
        return headers == null ? RateLimitHeaders.WITH : headers;
    }

    private static long retryAfter(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("Retry-After must be 0 or more seconds: " + seconds);
        }
        return seconds;
    }
}
