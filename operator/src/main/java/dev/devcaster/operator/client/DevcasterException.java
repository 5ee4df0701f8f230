package dev.devcaster.operator.client;

/**
 * Every failure of a Devcaster call. The subtype says what the caller should do: fix the spec
 * ({@link NotFoundException}, {@link InvalidConfigException}, {@link RejectedException}), fix the
 * credentials ({@link UnauthorizedException}), wait ({@link RateLimitedException},
 * {@link TransientException}) or treat the desired state as reached ({@link ConflictException} on
 * enable/disable).
 */
public abstract sealed class DevcasterException extends RuntimeException
        permits NotFoundException, InvalidConfigException, UnauthorizedException, RateLimitedException,
                TransientException, ConflictException, RejectedException {

    private final transient ApiError error;

    DevcasterException(ApiError error, Throwable cause) {
        super(describe(error), cause);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }

    /** HTTP status, 0 when there was no response. */
    public int status() {
        return error.status();
    }

    /**
     * What happened, for a status condition: like the message but without the server's request id,
     * which changes on every attempt and would rewrite the status each time.
     */
    public String summary() {
        return describe(error, false);
    }

    private static String describe(ApiError error) {
        return describe(error, true);
    }

    private static String describe(ApiError error, boolean withRequestId) {
        StringBuilder text = new StringBuilder(error.message());
        if (!error.errors().isEmpty()) {
            text.append(": ").append(String.join("; ", error.errors()));
        }
        text.append(" (");
        text.append(error.status() > 0 ? "HTTP " + error.status() : "no response");
        text.append(" from ").append(error.endpoint());
        if (withRequestId && error.requestId() != null) {
            text.append(", request ").append(error.requestId());
        }
        return text.append(')').toString();
    }
}
