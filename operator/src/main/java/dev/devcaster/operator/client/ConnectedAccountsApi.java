package dev.devcaster.operator.client;

import java.util.List;
import java.util.Locale;

/** Connected accounts: a user's authorised connection to a toolkit. */
public final class ConnectedAccountsApi {

    private static final String LIST = "/connected_accounts";

    private final HttpTransport transport;

    ConnectedAccountsApi(HttpTransport transport) {
        this.transport = transport;
    }

    /** @throws NotFoundException no such account */
    public ConnectedAccount get(DevcasterCredentials credentials, String connectedAccountId) {
        return transport.call(credentials, ApiCall.get("/connected_accounts/{id}", connectedAccountId),
                ConnectedAccount.class);
    }

    /** One page; {@code cursor} null for the first. */
    public Page<ConnectedAccount> list(DevcasterCredentials credentials, ConnectedAccountQuery query, String cursor) {
        ApiCall call = ApiCall.get(LIST)
                .query("user_ids", query.userIds())
                .query("toolkit_slugs", query.toolkitSlugs())
                .query("statuses", query.statuses())
                .query("auth_config_ids", query.authConfigIds())
                .query("connected_account_ids", query.connectedAccountIds())
                .query("order_by", lowerCase(query.orderBy()))
                .query("order_direction", lowerCase(query.direction()))
                .query("limit", query.limit())
                .query("cursor", cursor);
        return transport.callPage(credentials, call, ConnectedAccount.class);
    }

    /** All pages of {@link #list}. */
    public List<ConnectedAccount> listAll(DevcasterCredentials credentials, ConnectedAccountQuery query) {
        return Page.collectAll("GET " + LIST, cursor -> list(credentials, query, cursor));
    }

    private static String lowerCase(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
