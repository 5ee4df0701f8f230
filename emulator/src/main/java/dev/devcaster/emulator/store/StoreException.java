package dev.devcaster.emulator.store;

/**
 * What the store refuses, in its own terms: the entity is not there, the request cannot be served
 * as asked, or the entity is already in the asked state. The web layers decide the HTTP status;
 * {@code slug} is Devcaster's name for the error (e.g. {@code TriggerInstance_NotFound}).
 */
public final class StoreException extends RuntimeException {

    /** Why the store refused. */
    public enum Reason {
        NOT_FOUND, INVALID, CONFLICT
    }

    private final Reason reason;
    private final String slug;
    private final String suggestedFix;

    public StoreException(Reason reason, String slug, String message, String suggestedFix) {
        super(message, null, false, false);
        this.reason = reason;
        this.slug = slug;
        this.suggestedFix = suggestedFix;
    }

    static StoreException notFound(String slug, String message) {
        return new StoreException(Reason.NOT_FOUND, slug, message, null);
    }

    /** {@code value} when there is one, else a not-found refusal. */
    static <T> T orNotFound(T value, String slug, String message) {
        if (value == null) {
            throw notFound(slug, message);
        }
        return value;
    }

    static StoreException invalid(String slug, String message, String suggestedFix) {
        return new StoreException(Reason.INVALID, slug, message, suggestedFix);
    }

    static StoreException conflict(String slug, String message) {
        return new StoreException(Reason.CONFLICT, slug, message, null);
    }

    public Reason reason() {
        return reason;
    }

    public String slug() {
        return slug;
    }

    /** A hint for the caller, or null. */
    public String suggestedFix() {
        return suggestedFix;
    }
}
