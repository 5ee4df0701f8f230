package dev.devcaster.operator.client;

/**
 * @param created true when the server created a new instance (201), false when it matched an
 *                existing one (200). After a transparently retried dropped connection a create
 *                may show up as a match.
 */
public record UpsertResult(String triggerId, boolean created) {
}
