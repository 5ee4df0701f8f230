package dev.devcaster.operator.client;

/**
 * Worth retrying later with backoff: 408, 5xx, timeouts, connection errors, unreadable responses.
 * The client itself retries only a dropped connection, once.
 */
public final class TransientException extends DevcasterException {

    public TransientException(ApiError error, Throwable cause) {
        super(error, cause);
    }
}
