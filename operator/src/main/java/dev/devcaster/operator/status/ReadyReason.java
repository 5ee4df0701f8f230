package dev.devcaster.operator.status;

/**
 * The machine-readable reason of the Ready condition, and whether it means "wait" (the operator
 * is working on it) or "fix it" (only a change of the spec or of something outside helps).
 */
public enum ReadyReason {
    Synced(Outlook.DONE),
    InvalidConfig(Outlook.FIX),
    UnknownTriggerType(Outlook.FIX),
    ConnectedAccountNotFound(Outlook.FIX),
    ConnectedAccountNotActive(Outlook.FIX),
    CredentialsNotFound(Outlook.FIX),
    CredentialsRejected(Outlook.FIX),
    Conflict(Outlook.FIX),
    RateLimited(Outlook.WAIT),
    RemoteError(Outlook.WAIT),
    RemoteRejected(Outlook.FIX),
    Paused(Outlook.DONE),
    Deleting(Outlook.WAIT);

    /** How kstatus should read the reason. */
    public enum Outlook {
        /** Nothing under way. */
        DONE,
        /** Reconciling=True: the operator retries by itself. */
        WAIT,
        /** Stalled=True: the user (or someone outside) must act. */
        FIX
    }

    private final Outlook outlook;

    ReadyReason(Outlook outlook) {
        this.outlook = outlook;
    }

    public Outlook outlook() {
        return outlook;
    }

    /** The reason with this name, if it is one (a status may have been written by someone else). */
    public static java.util.Optional<ReadyReason> named(String name) {
        return java.util.Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
    }
}
