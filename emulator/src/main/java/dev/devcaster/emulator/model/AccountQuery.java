package dev.devcaster.emulator.model;

import java.util.Set;

/** Filters and order of the connected-account list; an empty set does not filter. */
public record AccountQuery(Set<String> userIds, Set<String> toolkitSlugs, Set<AccountStatus> statuses,
                           Set<String> authConfigIds, Set<String> connectedAccountIds,
                           boolean orderByUpdatedAt, boolean ascending) {

    public AccountQuery {
        userIds = Set.copyOf(userIds);
        toolkitSlugs = Set.copyOf(toolkitSlugs);
        statuses = Set.copyOf(statuses);
        authConfigIds = Set.copyOf(authConfigIds);
        connectedAccountIds = Set.copyOf(connectedAccountIds);
    }
}
