package dev.devcaster.operator.client;

/** The trigger instance is already in the requested enabled/disabled state (409): for a declarative caller, the goal is reached. */
public final class ConflictException extends DevcasterException {

    public ConflictException(ApiError error) {
        super(error, null);
    }
}
