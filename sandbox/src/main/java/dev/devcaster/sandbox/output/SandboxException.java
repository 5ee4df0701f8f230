package dev.devcaster.sandbox.output;

/** A failure the newcomer can act on: what went wrong, and what to do about it. */
public final class SandboxException extends RuntimeException {

    private final String todo;

    public SandboxException(String message, String todo) {
        super(message);
        this.todo = todo;
    }

    public SandboxException(String message, String todo, Throwable cause) {
        super(message, cause);
        this.todo = todo;
    }

    /** What to do about it; never null. */
    public String todo() {
        return todo;
    }

    /** The innermost cause's message: what went wrong, without the layers above it. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
