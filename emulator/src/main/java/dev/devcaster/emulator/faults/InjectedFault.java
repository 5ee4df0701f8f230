package dev.devcaster.emulator.faults;

/** What the fault injector decided for one request, before the handler runs. */
public record InjectedFault(Kind kind, int status, boolean withHeaders) {

    public enum Kind {
        /** Close the TCP connection without any response. */
        DROP,
        /** Bare 429 body, like Devcaster's edge; headers only when asked. */
        RATE_LIMITED,
        /** An error envelope with the given status. */
        ERROR
    }

    public static InjectedFault drop() {
        return new InjectedFault(Kind.DROP, 0, false);
    }

    public static InjectedFault rateLimited(boolean withHeaders) {
        return new InjectedFault(Kind.RATE_LIMITED, 429, withHeaders);
    }

    public static InjectedFault error(int status) {
        return new InjectedFault(Kind.ERROR, status, false);
    }
}
