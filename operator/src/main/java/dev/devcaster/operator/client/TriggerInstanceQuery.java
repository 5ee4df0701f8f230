package dev.devcaster.operator.client;

import java.util.List;

/**
 * Filters for listing trigger instances; start from {@link #enabledOnly()} or
 * {@link #includingDisabled()} (drift detection wants the latter: Devcaster disables instances by
 * itself, and a hidden one would look deleted). Empty lists do not filter.
 *
 * @param triggerNames trigger type slugs
 * @param limit        page size, null for the server default
 */
public record TriggerInstanceQuery(List<String> triggerIds, List<String> connectedAccountIds,
                                   List<String> authConfigIds, List<String> userIds, List<String> triggerNames,
                                   boolean showDisabled, Integer limit) {

    public TriggerInstanceQuery {
        triggerIds = triggerIds == null ? List.of() : List.copyOf(triggerIds);
        connectedAccountIds = connectedAccountIds == null ? List.of() : List.copyOf(connectedAccountIds);
        authConfigIds = authConfigIds == null ? List.of() : List.copyOf(authConfigIds);
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
        triggerNames = triggerNames == null ? List.of() : List.copyOf(triggerNames);
    }

    public static TriggerInstanceQuery enabledOnly() {
        return new TriggerInstanceQuery(null, null, null, null, null, false, null);
    }

    public static TriggerInstanceQuery includingDisabled() {
        return new TriggerInstanceQuery(null, null, null, null, null, true, null);
    }

    public TriggerInstanceQuery withTriggerIds(String... values) {
        return new TriggerInstanceQuery(List.of(values), connectedAccountIds, authConfigIds, userIds, triggerNames,
                showDisabled, limit);
    }

    public TriggerInstanceQuery withConnectedAccountIds(String... values) {
        return new TriggerInstanceQuery(triggerIds, List.of(values), authConfigIds, userIds, triggerNames,
                showDisabled, limit);
    }

    public TriggerInstanceQuery withAuthConfigIds(String... values) {
        return new TriggerInstanceQuery(triggerIds, connectedAccountIds, List.of(values), userIds, triggerNames,
                showDisabled, limit);
    }

    public TriggerInstanceQuery withUserIds(String... values) {
        return new TriggerInstanceQuery(triggerIds, connectedAccountIds, authConfigIds, List.of(values), triggerNames,
                showDisabled, limit);
    }

    public TriggerInstanceQuery withTriggerNames(String... values) {
        return new TriggerInstanceQuery(triggerIds, connectedAccountIds, authConfigIds, userIds, List.of(values),
                showDisabled, limit);
    }

    public TriggerInstanceQuery withLimit(int value) {
        return new TriggerInstanceQuery(triggerIds, connectedAccountIds, authConfigIds, userIds, triggerNames,
                showDisabled, value);
    }
}
