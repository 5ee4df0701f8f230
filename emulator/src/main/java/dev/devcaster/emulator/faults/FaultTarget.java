package dev.devcaster.emulator.faults;

/**
 * What a fault decision looks at: the request's method, the route template it matched (e.g.
 * {@code /api/v3/trigger_instances/manage/{triggerId}}), its concrete path and its API key (may be
 * null; never logged).
 */
public record FaultTarget(String method, String route, String path, String apiKey) {
}
