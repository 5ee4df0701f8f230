package dev.devcaster.sandbox;

/** A failure the newcomer can act on: what went wrong, and what to do about it. */
final class SandboxException extends RuntimeException {

    private final String todo;

    SandboxException(String message, String todo) {
        super(message);
        this.todo = todo;
    }

    SandboxException(String message, String todo, Throwable cause) {
        super(message, cause);
        this.todo = todo;
    }

    /** What to do about it; never null. */
    String todo() {
        return todo;
    }
}
