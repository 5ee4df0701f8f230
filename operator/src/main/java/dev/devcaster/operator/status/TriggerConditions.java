package dev.devcaster.operator.status;

import dev.devcaster.operator.trigger.TriggerStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kstatus conditions: {@code Ready} always; {@code Reconciling} and {@code Stalled} only while
 * true, so one {@code kubectl get} tells "wait" from "fix it". A transition time moves only when
 * the condition's status does.
 */
public final class TriggerConditions {

    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";

    private TriggerConditions() {
    }

    public static List<Condition> next(List<Condition> previous, ReadyReason reason, String message, long generation,
                                       Instant now) {
        List<Condition> result = new ArrayList<>();
        String text = Messages.bounded(message);
        result.add(condition(previous, READY, reason == ReadyReason.Synced, reason.name(), text, generation, now));
        if (reason.outlook() == ReadyReason.Outlook.WAIT) {
            result.add(condition(previous, RECONCILING, true, reason.name(), text, generation, now));
        }
        if (reason.outlook() == ReadyReason.Outlook.FIX) {
            result.add(condition(previous, STALLED, true, reason.name(), text, generation, now));
        }
        return result;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
            : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** The reason of the Ready condition of this status, if it has one. */
    public static Optional<String> readyReason(TriggerStatus status) {
        return status == null ? Optional.empty() : find(status.getConditions(), READY).map(Condition::getReason);
    }

    /** Whether the Ready condition of this status carries that reason. */
    public static boolean readyReasonIs(TriggerStatus status, ReadyReason reason) {
        return readyReason(status).map(reason.name()::equals).orElse(false);
    }

    private static Condition condition(List<Condition> previous, String type, boolean status, String reason,
                                       String message, long generation, Instant now) {
        String value = status ? "True" : "False";
        String since = find(previous, type).filter(c -> value.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime).orElse(now.toString());
        return new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
            .withObservedGeneration(generation).withLastTransitionTime(since).build();
    }
}
