package dev.devcaster.operator.client;

import java.util.List;

/**
 * What went wrong with one call, from the server's error envelope when there was one.
 *
 * @param endpoint     route template of the call, e.g. {@code POST /trigger_instances/{slug}/upsert}
 * @param status       HTTP status, or 0 when no response arrived (timeout, dropped connection,
 *                     client-side rate limit)
 * @param message      human-readable, bounded in length, never contains the API key
 * @param slug         the envelope's error slug (e.g. {@code TriggerInstance_ConfigInvalid}), or null
 * @param requestId    the server's request id, or null
 * @param suggestedFix the server's suggested fix, or null
 * @param errors       per-field details (e.g. one entry per failing config field); never null
 */
public record ApiError(String endpoint, int status, String message, String slug, String requestId,
                       String suggestedFix, List<String> errors) {

    public ApiError {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** An error raised before or without any HTTP response. */
    static ApiError withoutResponse(String endpoint, String message) {
        return new ApiError(endpoint, 0, message, null, null, null, List.of());
    }
}
