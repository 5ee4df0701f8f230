package dev.devcaster.operator.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Turns for callers of one API key, at the key's rate: each caller (a Trigger's reconcile) gets a
 * time of its own to make its calls, instead of all callers racing for the next permit. Up to the
 * key's burst go at once (a second's worth of calls, as the throttle allows), so callers arriving
 * slower than the rate never wait; beyond it turns are spaced at the rate. A caller
 * told to come back later keeps its turn, so the key's rate is used to the full, nobody starves,
 * and no thread waits: the caller is rescheduled for its turn. A key paused after a 429 gives
 * turns only after the pause.
 */
public final class RateBudget {

    /** A turn this close counts as now. */
    private static final long NOW_NANOS = Duration.ofMillis(5).toNanos();
    /** A turn not taken within this long after it came is given up. */
    private static final long FORGOTTEN_NANOS = Duration.ofSeconds(30).toNanos();

    private static final class KeyTurns {
        long nextFree;
        final Map<String, Long> turns = new HashMap<>();
    }

    private final ApiKeyThrottle throttle;
    private final LongSupplier nanoClock;
    private final Map<String, KeyTurns> keys = new HashMap<>();

    RateBudget(ApiKeyThrottle throttle) {
        this(throttle, System::nanoTime);
    }

    RateBudget(ApiKeyThrottle throttle, LongSupplier nanoClock) {
        this.throttle = throttle;
        this.nanoClock = nanoClock;
    }

    /**
     * @param caller who asks (the same caller gets the same turn back)
     * @return empty when the caller may go now, else how long until its turn
     */
    public synchronized Optional<Duration> admit(DevcasterCredentials key, String caller) {
        long now = nanoClock.getAsLong();
        long resumeAt = now + throttle.pausedFor(key).map(Duration::toNanos).orElse(0L);
        Optional<Duration> interval = throttle.interval();
        if (interval.isEmpty()) {
            return resumeAt > now ? Optional.of(Duration.ofNanos(resumeAt - now)) : Optional.empty();
        }
        KeyTurns turns = keys.computeIfAbsent(key.fingerprint(), k -> new KeyTurns());
        turns.turns.values().removeIf(at -> at < now - FORGOTTEN_NANOS);
        Long turn = turns.turns.remove(caller);
        if (turn == null || turn < resumeAt - NOW_NANOS) {
            // nextFree is when the key's calls would be used up if each went at the rate; a turn
            // may come up to a burst before that.
            long spacing = interval.get().toNanos();
            long due = Math.max(now, turns.nextFree);
            turn = Math.max(Math.max(now, due - (throttle.burst() - 1) * spacing), resumeAt);
            turns.nextFree = Math.max(due, turn) + spacing;
        }
        if (turn <= now + NOW_NANOS) {
            return Optional.empty();
        }
        turns.turns.put(caller, turn);
        return Optional.of(Duration.ofNanos(turn - now));
    }
}
