package dev.devcaster.emulator.model;

import java.time.Instant;

/** An auth config: how a project's users connect accounts of one toolkit. */
public record AuthConfig(String id, String toolkitSlug, String name, String type, String authScheme,
                         boolean devcasterManaged, boolean disabled, Instant createdAt) {
}
