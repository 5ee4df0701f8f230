package dev.devcaster.emulator.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Devcaster's error body, and the bare body its edge sends with a 429. */
final class ErrorEnvelope {

    private ErrorEnvelope() {
    }

    static Map<String, Object> of(ApiException e, String requestId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", e.getMessage());
        error.put("code", e.code());
        if (e.slug() != null) {
            error.put("slug", e.slug());
        }
        error.put("status", e.status());
        error.put("request_id", requestId);
        if (e.suggestedFix() != null) {
            error.put("suggested_fix", e.suggestedFix());
        }
        if (!e.errors().isEmpty()) {
            error.put("errors", e.errors());
        }
        return Map.of("error", error);
    }

    static Map<String, Object> rateLimited(int limit, long windowSeconds) {
        return Map.of("message", "Rate limit exceeded. Limit: " + limit + " requests per " + windowSeconds + "s");
    }
}
