package dev.devcaster.operator.status;

import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.trigger.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Everything a reconcile tells the outside, from its {@link Outcome}: the status (written only
 * when it changed), the trigger-id annotation, an Event per Ready transition and per correction,
 * the reason gauge and one log line.
 */
public final class TriggerReport {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerReport.class);

    private final StatusPatcher patcher;
    private final TriggerEvents events;
    private final ReasonGauge gauge;
    private final Clock clock;

    public TriggerReport(KubernetesGateway kubernetes, ReasonGauge gauge, Clock clock) {
        this.patcher = new StatusPatcher(kubernetes);
        this.events = new TriggerEvents(kubernetes);
        this.gauge = gauge;
        this.clock = clock;
    }

    public void report(Trigger trigger, Outcome outcome) {
        String previousReason = TriggerConditions.readyReason(trigger.getStatus()).orElse(null);
        outcome.corrections().forEach(c -> events.warning(trigger, c.reason(), c.message()));
        outcome.applied().ifPresent(applied -> patcher.recordTriggerId(trigger, applied.triggerId()));
        boolean wrote = patcher.write(trigger, StatusBuilder.next(trigger, outcome, clock.instant()));
        gauge.record(trigger, outcome.reason());

        if (!outcome.reason().name().equals(previousReason)) {
            if (outcome.reason().outlook() == ReadyReason.Outlook.DONE) {
                events.normal(trigger, outcome.reason().name(), outcome.message());
            } else {
                events.warning(trigger, outcome.reason().name(), outcome.message());
            }
        }
        String line = "{}/{} reason={} triggerId={} statusWritten={}: {}";
        Object[] args = {trigger.getMetadata().getNamespace(), trigger.getMetadata().getName(), outcome.reason(),
            Objects.requireNonNullElse(trigger.getStatus() == null ? null : trigger.getStatus().getTriggerId(), "-"),
            wrote, outcome.message()};
        if (outcome.reason().outlook() == ReadyReason.Outlook.DONE) {
            LOG.info(line, args);
        } else {
            LOG.warn(line, args);
        }
    }

    /** Durably records a new remote id and the instances it replaced, before those are deleted. */
    public void journal(Trigger trigger, String newTriggerId, List<String> replaced) {
        patcher.write(trigger, StatusBuilder.replacing(trigger, newTriggerId, replaced));
        patcher.recordTriggerId(trigger, newTriggerId);
    }

    /** The resource is gone: it no longer counts in the gauge. */
    public void deleted(Trigger trigger) {
        gauge.forget(trigger);
    }
}
