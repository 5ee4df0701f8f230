package dev.devcaster.operator.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param nextCursor opaque cursor of the next page; null on the last page
 * @param totalPages  as reported by the server, may be null
 * @param currentPage as reported by the server, may be null
 * @param totalItems  as reported by the server, may be null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Page<T>(List<T> items, String nextCursor, Integer totalPages, Integer currentPage, Integer totalItems) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
        nextCursor = nextCursor == null || nextCursor.isEmpty() ? null : nextCursor;
    }

    public boolean hasNext() {
        return nextCursor != null;
    }

    /**
     * Follows cursors to the end. A cursor the server already handed out means it loops; stopping
     * quietly there would return a partial list that a caller may read as "remote triggers gone".
     */
    static <T> List<T> collectAll(String endpoint, Function<String, Page<T>> fetch) {
        List<T> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            Page<T> page = fetch.apply(cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
            if (cursor != null && !seen.add(cursor)) {
                throw new TransientException(ApiError.withoutResponse(endpoint,
                        "The server returned a page cursor twice; the list cannot be read to the end"), null);
            }
        } while (cursor != null);
        return all;
    }
}
