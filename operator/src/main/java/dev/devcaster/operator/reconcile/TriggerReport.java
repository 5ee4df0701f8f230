package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one reconcile tells the outside: the status (written only when it changed), an Event
 * per Ready transition and per correction, and one log line per outcome.
 */
final class TriggerReport {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerReport.class);

    private final Trigger trigger;
    private final StatusPatcher patcher;
    private final TriggerEvents events;
    private final TriggerReasons reasons;

    TriggerReport(Trigger trigger, KubernetesClient client, TriggerReasons reasons) {
        this.trigger = trigger;
        this.patcher = new StatusPatcher(client);
        this.events = new TriggerEvents(client);
        this.reasons = reasons;
    }

    void outcome(TriggerStatus next, ReadyReason reason, String message) {
        List<Condition> previous = trigger.getStatus() == null ? List.of() : trigger.getStatus().getConditions();
        Optional<Condition> previousReady = TriggerConditions.find(previous, TriggerConditions.READY);
        long generation = Optional.ofNullable(trigger.getMetadata().getGeneration()).orElse(0L);
        next.setObservedGeneration(generation);
        next.setConditions(TriggerConditions.next(previous, reason, message, generation, Instant.now()));
        boolean wrote = patcher.patchStatus(trigger, next);
        reasons.record(trigger, reason);

        boolean transition = previousReady.map(c -> !reason.name().equals(c.getReason())).orElse(true);
        if (transition) {
            if (reason == ReadyReason.Synced || reason == ReadyReason.Paused) {
                events.normal(trigger, reason.name(), message);
            } else {
                events.warning(trigger, reason.name(), message);
            }
        }
        String line = "{}/{} reason={} triggerId={} statusWritten={}: {}";
        Object[] args = {trigger.getMetadata().getNamespace(), trigger.getMetadata().getName(), reason,
            Objects.requireNonNullElse(next.getTriggerId(), "-"), wrote, message};
        if (reason.outlook() == ReadyReason.Outlook.DONE) {
            LOG.info(line, args);
        } else {
            LOG.warn(line, args);
        }
    }

    /** Durably records a new remote id and the instances it replaced, before those are deleted. */
    void journal(String newTriggerId, List<String> replaced) {
        TriggerStatus next = statusCopy(trigger);
        next.setTriggerId(newTriggerId);
        next.setPendingDeletion(List.copyOf(replaced));
        patcher.patchStatus(trigger, next);
        patcher.recordTriggerIdAnnotation(trigger, newTriggerId);
    }

    /** The resource is gone: it no longer counts in the gauge. */
    void deleted() {
        reasons.forget(trigger);
    }

    /** A copy of the current status, so comparing old and new tells whether to write. */
    static TriggerStatus statusCopy(Trigger trigger) {
        return Serialization.clone(trigger.getStatus() == null ? new TriggerStatus() : trigger.getStatus());
    }

    void recordTriggerId(String triggerId) {
        patcher.recordTriggerIdAnnotation(trigger, triggerId);
    }

    void warning(String reason, String message) {
        events.warning(trigger, reason, message);
    }
}
