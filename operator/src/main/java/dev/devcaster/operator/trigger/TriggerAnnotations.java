package dev.devcaster.operator.trigger;


import java.util.Map;
import java.util.Optional;

/** The annotations the operator reads and writes on Triggers and namespaces. */
public final class TriggerAnnotations {

    /** The remote trigger id, kept in metadata so it survives a restore without status. */
    public static final String TRIGGER_ID = "devcaster.dev/trigger-id";
    /** {@code "true"}: the operator makes no remote call for this Trigger. */
    public static final String PAUSED = "devcaster.dev/paused";
    /** On a namespace: the deletion policy for its Triggers that set none. */
    public static final String DELETION_POLICY = "devcaster.dev/deletion-policy";

    private TriggerAnnotations() {
    }

    public static boolean paused(Trigger trigger) {
        return "true".equalsIgnoreCase(annotations(trigger).get(PAUSED));
    }

    /** The id the status records, else the one the annotation keeps. */
    public static Optional<String> recordedTriggerId(Trigger trigger) {
        if (trigger.getStatus() != null && trigger.getStatus().getTriggerId() != null) {
            return Optional.of(trigger.getStatus().getTriggerId());
        }
        return Optional.ofNullable(annotations(trigger).get(TRIGGER_ID)).filter(id -> !id.isBlank());
    }

    private static Map<String, String> annotations(Trigger trigger) {
        Map<String, String> annotations = trigger.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }
}
