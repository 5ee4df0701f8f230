package dev.devcaster.emulator.faults;

/**
 * What the fault injector decided for one request, before the handler runs.
 *
 * @param status            the status to answer (0 for a drop)
 * @param withHeaders       for a 429: send {@code Retry-After} and {@code X-RateLimit*}
 * @param retryAfterSeconds for a 429 with headers: the {@code Retry-After} value
 */
public record InjectedFault(Kind kind, int status, boolean withHeaders, long retryAfterSeconds) {

    public enum Kind {
        /** Close the TCP connection without any response. */
        DROP,
        /** Bare 429 body, like Devcaster's edge; headers only when asked. */
        RATE_LIMITED,
        /** An error envelope with the given status. */
        ERROR,
        /** A 404 from something in front of Devcaster: an HTML page, not Devcaster's envelope. */
        MISROUTED
    }

    public static InjectedFault drop() {
        return new InjectedFault(Kind.DROP, 0, false, 0);
    }

    public static InjectedFault rateLimited(boolean withHeaders) {
        return rateLimited(withHeaders, 1);
    }

    public static InjectedFault rateLimited(boolean withHeaders, long retryAfterSeconds) {
        return new InjectedFault(Kind.RATE_LIMITED, 429, withHeaders, retryAfterSeconds);
    }

    public static InjectedFault error(int status) {
        return new InjectedFault(Kind.ERROR, status, false, 0);
    }

    public static InjectedFault misrouted() {
        return new InjectedFault(Kind.MISROUTED, 404, false, 0);
    }
}
