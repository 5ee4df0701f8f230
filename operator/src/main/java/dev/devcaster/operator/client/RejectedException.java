package dev.devcaster.operator.client;

/** Any other 4xx: the request itself is wrong and repeating it will not help; {@link #error()} keeps the server's message, slug and request id. */
public final class RejectedException extends DevcasterException {

    public RejectedException(ApiError error) {
        super(error, null);
    }
}
