package dev.devcaster.operator.client;

/** The API key is missing, wrong or not allowed to do this (401, 403). */
public final class UnauthorizedException extends DevcasterException {

    public UnauthorizedException(ApiError error) {
        super(error, null);
    }
}
