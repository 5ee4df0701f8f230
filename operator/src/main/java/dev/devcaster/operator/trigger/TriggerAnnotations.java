package dev.devcaster.operator.trigger;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The annotations and the finalizer the operator reads and writes on Triggers and namespaces. */
public final class TriggerAnnotations {

    /**
     * Written by people (or {@code kubectl devcaster export}): the remote trigger this Trigger should
     * take over. A hint only: the operator adopts it when the instance matches what the Trigger
     * resolves to and no other Trigger records it.
     */
    public static final String TRIGGER_ID = "devcaster.dev/trigger-id";
    /**
     * Written by the operator before it may create a remote trigger: project, slug, account and
     * config hash of what it is about to create, so a create whose answer was lost is found again.
     */
    public static final String REMOTE_IDENTITY = "devcaster.dev/remote-identity";
    /** {@code "true"}: the operator makes no remote call for this Trigger. */
    public static final String PAUSED = "devcaster.dev/paused";
    /** On a namespace: the deletion policy for its Triggers that set none. */
    public static final String DELETION_POLICY = "devcaster.dev/deletion-policy";
    /** Holds a Trigger that may have a remote trigger until the operator has dealt with it. */
    public static final String FINALIZER = "triggers.devcaster.dev/finalizer";

    private static final Pattern TRIGGER_ID_FORMAT = Pattern.compile("ti_[A-Za-z0-9_-]{1,128}");

    private TriggerAnnotations() {
    }

    public static boolean paused(Trigger trigger) {
        return "true".equalsIgnoreCase(annotations(trigger).get(PAUSED));
    }

    /** The remote trigger id the {@link #TRIGGER_ID} hint names, when it looks like one. */
    public static Optional<String> triggerIdHint(Trigger trigger) {
        return Optional.ofNullable(annotations(trigger).get(TRIGGER_ID)).map(String::trim)
            .filter(id -> TRIGGER_ID_FORMAT.matcher(id).matches());
    }

    /** Whether the {@link #TRIGGER_ID} hint is there but is not a trigger id (so it is ignored). */
    public static boolean malformedTriggerIdHint(Trigger trigger) {
        return annotations(trigger).containsKey(TRIGGER_ID) && triggerIdHint(trigger).isEmpty();
    }

    public static Optional<String> remoteIdentity(Trigger trigger) {
        return Optional.ofNullable(annotations(trigger).get(REMOTE_IDENTITY));
    }

    private static Map<String, String> annotations(Trigger trigger) {
        Map<String, String> annotations = trigger.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }
}
