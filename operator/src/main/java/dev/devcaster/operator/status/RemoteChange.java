package dev.devcaster.operator.status;

/**
 * Something the operator changed in Devcaster (created, updated, replaced, enabled, disabled,
 * adopted, deleted), or found changed and set back (drift). Each becomes an Event with the ids.
 *
 * @param reason the Event's reason, e.g. {@code Created}
 * @param drift  whether it corrects a change made outside the operator (a Warning Event)
 */
public record RemoteChange(String reason, String message, boolean drift) {

    public static RemoteChange change(String reason, String message) {
        return new RemoteChange(reason, message, false);
    }

    public static RemoteChange correction(String reason, String message) {
        return new RemoteChange(reason, message, true);
    }
}
