package dev.devcaster.operator.status;

import dev.devcaster.operator.trigger.Trigger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The gauge {@code devcaster_triggers{reason=...}}: how many Triggers stand at each Ready reason,
 * counted from the Triggers' own statuses in the informer cache, so it is right from the first
 * scrape after a restart, whether or not a Trigger has been reconciled since.
 */
public final class ReasonGauge {

    private static final Duration FRESH = Duration.ofSeconds(1);

    private volatile Supplier<Stream<Trigger>> triggers = Stream::empty;
    private volatile Map<ReadyReason, Long> counts = Map.of();
    private volatile long countedAt;

    public ReasonGauge(MeterRegistry registry) {
        for (ReadyReason reason : ReadyReason.values()) {
            Gauge.builder("devcaster.triggers", this, g -> g.count(reason))
                .description("Triggers by the reason of their Ready condition")
                .tag("reason", reason.name())
                .register(registry);
        }
    }

    /** The Triggers to count: the informer cache, once the controller has one. */
    public void attach(Supplier<Stream<Trigger>> cachedTriggers) {
        this.triggers = cachedTriggers;
    }

    /** One pass over the cache serves all reasons of a scrape. */
    private synchronized double count(ReadyReason reason) {
        long now = System.nanoTime();
        if (now - countedAt > FRESH.toNanos()) {
            Map<ReadyReason, Long> next = new EnumMap<>(ReadyReason.class);
            triggers.get().forEach(t -> TriggerConditions.readyReason(t.getStatus())
                .flatMap(ReadyReason::named).ifPresent(r -> next.merge(r, 1L, Long::sum)));
            counts = next;
            countedAt = now;
        }
        return counts.getOrDefault(reason, 0L);
    }
}
