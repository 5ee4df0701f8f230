package dev.devcaster.emulator.api;

import dev.devcaster.emulator.store.StoreException;
import java.util.List;

/** A failure the public API reports with Devcaster's error envelope. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final int code;
    private final String slug;
    private final String suggestedFix;
    private final List<String> errors;

    public ApiException(int status, int code, String slug, String message, String suggestedFix, List<String> errors) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.slug = slug;
        this.suggestedFix = suggestedFix;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(String slug, String message, String suggestedFix) {
        return new ApiException(400, 1400, slug, message, suggestedFix, List.of());
    }

    public static ApiException notFound(String slug, String message) {
        return new ApiException(404, 1404, slug, message, null, List.of());
    }

    public static ApiException conflict(String slug, String message) {
        return new ApiException(409, 1409, slug, message, null, List.of());
    }

    /** The store's refusal as Devcaster reports it: 404, 400 or 409 with the store's slug. */
    public static ApiException from(StoreException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> new ApiException(404, 1404, e.slug(), e.getMessage(), e.suggestedFix(), List.of());
            case INVALID -> new ApiException(400, 1400, e.slug(), e.getMessage(), e.suggestedFix(), List.of());
            case CONFLICT -> new ApiException(409, 1409, e.slug(), e.getMessage(), e.suggestedFix(), List.of());
        };
    }

    public static ApiException unauthorized() {
        return new ApiException(401, 1401, "Auth_InvalidApiKey", "Invalid or missing API key",
                "Send the project's API key in the x-api-key header", List.of());
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    public String slug() {
        return slug;
    }

    public String suggestedFix() {
        return suggestedFix;
    }

    public List<String> errors() {
        return errors;
    }
}
