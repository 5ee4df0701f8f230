package dev.devcaster.emulator.model;

import java.util.Set;

/** Filters of the trigger-instance list; an empty set does not filter. */
public record TriggerQuery(Set<String> triggerIds, Set<String> connectedAccountIds, Set<String> authConfigIds,
                           Set<String> triggerNames, Set<String> userIds, boolean showDisabled) {

    public TriggerQuery {
        triggerIds = Set.copyOf(triggerIds);
        connectedAccountIds = Set.copyOf(connectedAccountIds);
        authConfigIds = Set.copyOf(authConfigIds);
        triggerNames = Set.copyOf(triggerNames);
        userIds = Set.copyOf(userIds);
    }
}
