package dev.devcaster.operator.client;

/** The addressed resource does not exist (404; also 400 for a trigger type not in the requested toolkit version). */
public final class NotFoundException extends DevcasterException {

    public NotFoundException(ApiError error) {
        super(error, null);
    }
}
