package dev.devcaster.emulator.requests;

import java.time.Instant;

/**
 * One request to the public API. {@code endpoint} is the route template ("POST
 * /api/v3/trigger_instances/{slug}/upsert", the same for /api/v3.1); status 0 means the
 * connection was dropped; {@code apiKeyId} is a fingerprint, never the key.
 *
 * <p>{@code triggerId} is the trigger instance the request concerned, or null: the {@code {id}}
 * of a manage route (PATCH, DELETE), whatever the answer, and the {@code trigger_id} an upsert
 * answered (201 created, 200 matched).
 */
public record RequestRecord(Instant at, String method, String path, String endpoint, int status, String apiKeyId,
                            String triggerId) {

    /** A request that concerned no particular trigger instance. */
    public RequestRecord(Instant at, String method, String path, String endpoint, int status, String apiKeyId) {
        this(at, method, path, endpoint, status, apiKeyId, null);
    }
}
