package dev.devcaster.operator.client;

import java.util.List;

/**
 * Filters for listing connected accounts; start from {@link #all()}. Empty lists and null values
 * do not filter.
 *
 * @param orderBy   null for the server default ({@code created_at})
 * @param direction null for the server default ({@code desc})
 * @param limit     page size, null for the server default
 */
public record ConnectedAccountQuery(List<String> userIds, List<String> toolkitSlugs,
                                    List<ConnectedAccountStatus> statuses, List<String> authConfigIds,
                                    List<String> connectedAccountIds, OrderBy orderBy, Direction direction,
                                    Integer limit) {

    public enum OrderBy { CREATED_AT, UPDATED_AT }

    public enum Direction { ASC, DESC }

    public ConnectedAccountQuery {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
        toolkitSlugs = toolkitSlugs == null ? List.of() : List.copyOf(toolkitSlugs);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        authConfigIds = authConfigIds == null ? List.of() : List.copyOf(authConfigIds);
        connectedAccountIds = connectedAccountIds == null ? List.of() : List.copyOf(connectedAccountIds);
    }

    public static ConnectedAccountQuery all() {
        return new ConnectedAccountQuery(null, null, null, null, null, null, null, null);
    }

    public ConnectedAccountQuery withUserIds(String... values) {
        return new ConnectedAccountQuery(List.of(values), toolkitSlugs, statuses, authConfigIds,
                connectedAccountIds, orderBy, direction, limit);
    }

    public ConnectedAccountQuery withToolkitSlugs(String... values) {
        return new ConnectedAccountQuery(userIds, List.of(values), statuses, authConfigIds,
                connectedAccountIds, orderBy, direction, limit);
    }

    public ConnectedAccountQuery withStatuses(ConnectedAccountStatus... values) {
        return new ConnectedAccountQuery(userIds, toolkitSlugs, List.of(values), authConfigIds,
                connectedAccountIds, orderBy, direction, limit);
    }

    public ConnectedAccountQuery withAuthConfigIds(String... values) {
        return new ConnectedAccountQuery(userIds, toolkitSlugs, statuses, List.of(values),
                connectedAccountIds, orderBy, direction, limit);
    }

    public ConnectedAccountQuery withConnectedAccountIds(String... values) {
        return new ConnectedAccountQuery(userIds, toolkitSlugs, statuses, authConfigIds,
                List.of(values), orderBy, direction, limit);
    }

    public ConnectedAccountQuery withOrder(OrderBy by, Direction dir) {
        return new ConnectedAccountQuery(userIds, toolkitSlugs, statuses, authConfigIds,
                connectedAccountIds, by, dir, limit);
    }

    public ConnectedAccountQuery withLimit(int value) {
        return new ConnectedAccountQuery(userIds, toolkitSlugs, statuses, authConfigIds,
                connectedAccountIds, orderBy, direction, value);
    }
}
