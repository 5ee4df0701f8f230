package dev.devcaster.emulator.requests;

import java.time.Instant;

/**
 * One request to the public API. {@code endpoint} is the route template ("POST
 * /api/v3/trigger_instances/{slug}/upsert", the same for /api/v3.1); status 0 means the
 * connection was dropped; {@code apiKeyId} is a fingerprint, never the key.
 */
public record RequestRecord(Instant at, String method, String path, String endpoint, int status, String apiKeyId) {
}
