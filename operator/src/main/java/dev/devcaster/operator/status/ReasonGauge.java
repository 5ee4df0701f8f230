package dev.devcaster.operator.status;

import dev.devcaster.operator.trigger.Trigger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The gauge {@code devcaster_triggers{reason=...}}: how many Triggers stand at each Ready reason. */
public final class ReasonGauge {

    private final Map<String, ReadyReason> byTrigger = new ConcurrentHashMap<>();

    public ReasonGauge(MeterRegistry registry) {
        for (ReadyReason reason : ReadyReason.values()) {
            Gauge.builder("devcaster.triggers", byTrigger, m -> m.values().stream().filter(reason::equals).count())
                .description("Triggers by the reason of their Ready condition")
                .tag("reason", reason.name())
                .register(registry);
        }
    }

    void record(Trigger trigger, ReadyReason reason) {
        byTrigger.put(trigger.getMetadata().getUid(), reason);
    }

    void forget(Trigger trigger) {
        byTrigger.remove(trigger.getMetadata().getUid());
    }
}
