package dev.devcaster.emulator.faults;

import dev.devcaster.emulator.model.MatchKeyMode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults injected into the public API (never into /_emulator). Every setter is thread-safe and
 * takes effect for the next request.
 */
public final class Faults {

    private static final int[] SERVER_ERRORS = {500, 502, 503};

    private final MatchKeyMode defaultMatchKeyMode;
    private volatile Duration latency = Duration.ZERO;
    private volatile double errorRate;
    private volatile boolean outage;
    private final AtomicInteger rateLimitNext = new AtomicInteger();
    private volatile boolean rateLimitNextWithHeaders;
    private final AtomicInteger dropNext = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failNextStatus = 500;
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
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("error rate must be within 0..1: " + share);
        }
        errorRate = share;
        return this;
    }

    public Faults outage(boolean on) {
        outage = on;
        return this;
    }

    /** The next {@code count} requests answer a bare 429; with headers: Retry-After and X-RateLimit-*. */
    public Faults rateLimitNext(int count, boolean withHeaders) {
        rateLimitNextWithHeaders = withHeaders;
        rateLimitNext.set(count);
        return this;
    }

    /** The next {@code count} requests lose their connection without any response. */
    public Faults dropNext(int count) {
        dropNext.set(count);
        return this;
    }

    /** The next {@code count} requests answer {@code status} with the error envelope. */
    public Faults failNext(int count, int status) {
        failNextStatus = status;
        failNext.set(count);
        return this;
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
        errorRate = 0;
        outage = false;
        rateLimitNext.set(0);
        dropNext.set(0);
        failNext.set(0);
        matchKeyMode = defaultMatchKeyMode;
        rateQuota = null;
    }

    public Duration currentLatency() {
        return latency;
    }

    public MatchKeyMode currentMatchKeyMode() {
        return matchKeyMode;
    }

    public Optional<RateQuota> currentRateQuota() {
        return Optional.ofNullable(rateQuota);
    }

    /** Decides, once per request, which one-shot or random fault hits it; the quota is separate. */
    public Optional<InjectedFault> next() {
        if (takeOne(dropNext)) {
            return Optional.of(InjectedFault.drop());
        }
        if (takeOne(rateLimitNext)) {
            return Optional.of(InjectedFault.rateLimited(rateLimitNextWithHeaders));
        }
        if (takeOne(failNext)) {
            return Optional.of(InjectedFault.error(failNextStatus));
        }
        if (outage) {
            return Optional.of(InjectedFault.error(503));
        }
        double share = errorRate;
        if (share > 0 && ThreadLocalRandom.current().nextDouble() < share) {
            return Optional.of(InjectedFault.error(SERVER_ERRORS[ThreadLocalRandom.current().nextInt(SERVER_ERRORS.length)]));
        }
        return Optional.empty();
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
