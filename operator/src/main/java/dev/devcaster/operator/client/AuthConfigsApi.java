package dev.devcaster.operator.client;

import java.util.List;

/** Auth configs: how a toolkit is authorised; connected accounts hang off them. */
public final class AuthConfigsApi {

    private static final String LIST = "/auth_configs";

    private final HttpTransport transport;

    AuthConfigsApi(HttpTransport transport) {
        this.transport = transport;
    }

    /** @throws NotFoundException no such auth config */
    public AuthConfig get(DevcasterCredentials credentials, String authConfigId) {
        return transport.call(credentials, ApiCall.get("/auth_configs/{id}", authConfigId), AuthConfig.class);
    }

    /**
     * One page; {@code cursor} null for the first.
     *
     * @param toolkitSlugs filter; empty for all toolkits
     */
    public Page<AuthConfig> list(DevcasterCredentials credentials, List<String> toolkitSlugs, boolean showDisabled,
                                 String cursor) {
        ApiCall call = ApiCall.get(LIST)
                .query("toolkit_slug", toolkitSlugs)
                .query("show_disabled", showDisabled)
                .query("cursor", cursor);
        return transport.callPage(credentials, call, AuthConfig.class);
    }

    /** All pages of {@link #list}. */
    public List<AuthConfig> listAll(DevcasterCredentials credentials, List<String> toolkitSlugs, boolean showDisabled) {
        return Page.collectAll("GET " + LIST, cursor -> list(credentials, toolkitSlugs, showDisabled, cursor));
    }
}
