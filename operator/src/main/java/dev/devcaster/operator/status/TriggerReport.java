package dev.devcaster.operator.status;

import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.trigger.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Clock;
import java.util.Objects;

/**
 * Everything a reconcile tells the outside, from its {@link Outcome}: the status (written only
 * when it changed), an Event per remote change and per change of the Ready reason, and a log line
 * when something changed (a Trigger that stays Stalled is not logged again on every recheck).
 */
public final class TriggerReport {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerReport.class);

    private final StatusPatcher patcher;
    private final TriggerEvents events;
    private final Clock clock;

    public TriggerReport(KubernetesGateway kubernetes, Clock clock) {
        this.patcher = new StatusPatcher(kubernetes);
        this.events = new TriggerEvents(kubernetes);
        this.clock = clock;
    }

    public void report(Trigger trigger, Outcome outcome) {
        String previousReason = TriggerConditions.readyReason(trigger.getStatus()).orElse(null);
        outcome.changes().forEach(c -> {
            if (c.drift()) {
                events.warning(trigger, c.reason(), c.message());
            } else {
                events.normal(trigger, c.reason(), c.message());
            }
        });
        boolean wrote = patcher.write(trigger, StatusBuilder.next(trigger, outcome, clock.instant()));
        boolean reasonChanged = !outcome.reason().name().equals(previousReason);
        // Reaching Synced through a remote change is told by that change's Event (Created, Updated, ...).
        if (reasonChanged && !(outcome.reason() == ReadyReason.Synced && !outcome.changes().isEmpty())) {
            if (outcome.reason().outlook() == ReadyReason.Outlook.DONE) {
                events.normal(trigger, outcome.reason().name(), outcome.message());
            } else {
                events.warning(trigger, outcome.reason().name(), outcome.message());
            }
        }
        Level level = !wrote && outcome.changes().isEmpty() ? Level.DEBUG
            : outcome.reason().outlook() == ReadyReason.Outlook.DONE ? Level.INFO : Level.WARN;
        String triggerId = Objects.requireNonNullElse(trigger.getStatus() == null ? null
            : trigger.getStatus().getTriggerId(), "-");
        LOG.atLevel(level)
            .addKeyValue("namespace", trigger.getMetadata().getNamespace())
            .addKeyValue("trigger", trigger.getMetadata().getName())
            .addKeyValue("reason", outcome.reason().name())
            .addKeyValue("triggerId", triggerId)
            .log("{}/{} reason={} triggerId={}: {}", trigger.getMetadata().getNamespace(),
                trigger.getMetadata().getName(), outcome.reason(), triggerId, outcome.message());
    }

    /** A remote change outside a sync, e.g. the delete of a deleted Trigger's remote trigger. */
    public void change(Trigger trigger, RemoteChange change) {
        events.normal(trigger, change.reason(), change.message());
        LOG.atInfo()
            .addKeyValue("namespace", trigger.getMetadata().getNamespace())
            .addKeyValue("trigger", trigger.getMetadata().getName())
            .addKeyValue("reason", change.reason())
            .log("{}/{} {}", trigger.getMetadata().getNamespace(), trigger.getMetadata().getName(), change.message());
    }
}
