package dev.devcaster.emulator.model;

import java.time.Instant;

/** One end user's connection to a toolkit, through an auth config. */
public record ConnectedAccount(String id, String userId, String toolkitSlug, String authConfigId,
                               AccountStatus status, String statusReason, Instant createdAt, Instant updatedAt) {

    public ConnectedAccount withStatus(AccountStatus newStatus, Instant at) {
        return new ConnectedAccount(id, userId, toolkitSlug, authConfigId, newStatus, null, createdAt, at);
    }
}
