package dev.devcaster.emulator.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Devcaster's list envelope. Cursors are opaque to clients; here they carry an offset, and
 * {@code page} (trigger instances) is the same offset counted in pages.
 */
final class Pagination {

    private static final int DEFAULT_LIMIT = 20;
    private static final String CURSOR_PREFIX = "offset:";

    private Pagination() {
    }

    static <T> Map<String, Object> page(ApiRequest request, List<T> all, Function<T, Object> view, boolean acceptsPage) {
        Context ctx = request.ctx();
        int limit = clamp(intParam(ctx, "limit", DEFAULT_LIMIT), 1, request.version().maxLimit());
        int offset = 0;
        String cursor = ctx.queryParam("cursor");
        String page = acceptsPage ? ctx.queryParam("page") : null;
        if (cursor != null && !cursor.isBlank()) {
            offset = decode(cursor);
        } else if (page != null && !page.isBlank()) {
            offset = (Math.max(1, intParam(ctx, "page", 1)) - 1) * limit;
        }
        int total = all.size();
        int end = Math.min(total, offset + limit);
        List<Object> items = offset >= total ? List.of() : all.subList(offset, end).stream().map(view).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("next_cursor", end < total ? encode(end) : null);
        body.put("total_pages", (total + limit - 1) / limit);
        body.put("current_page", offset / limit + 1);
        body.put("total_items", total);
        return body;
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Request_InvalidParameter", name + " must be an integer: " + value, null);
        }
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(CURSOR_PREFIX)) {
                return Math.max(0, Integer.parseInt(decoded.substring(CURSOR_PREFIX.length())));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400 below
        }
        throw ApiException.badRequest("Request_InvalidCursor", "Invalid cursor", "Pass next_cursor from the previous page");
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
