package dev.devcaster.operator.client;

import java.util.List;
import java.util.Map;

/** Trigger types: what can be triggered, with the JSON Schema of its config. */
public final class TriggerTypesApi {

    private static final String LATEST = "latest";

    private final HttpTransport transport;

    TriggerTypesApi(HttpTransport transport) {
        this.transport = transport;
    }

    /**
     * The type at a toolkit version.
     *
     * @param toolkitVersion e.g. {@code 20250909_00}; null means {@code latest}
     * @throws NotFoundException unknown slug, or slug not in that version (404 or 400)
     */
    public TriggerType get(DevcasterCredentials credentials, String slug, String toolkitVersion) {
        ApiCall call = ApiCall.get("/triggers_types/{slug}", slug)
                .query("toolkit_versions", toolkitVersion == null ? LATEST : toolkitVersion)
                .notFoundOn400();
        return transport.call(credentials, call, TriggerType.class);
    }

    /**
     * One page of types.
     *
     * @param toolkitSlugs    filter; empty for all toolkits
     * @param toolkitVersions toolkit slug to version; toolkits not in it (or all, when empty) use {@code latest}
     * @param cursor          null for the first page
     */
    public Page<TriggerType> list(DevcasterCredentials credentials, List<String> toolkitSlugs,
                                  Map<String, String> toolkitVersions, String cursor) {
        ApiCall call = ApiCall.get("/triggers_types").query("toolkit_slugs", toolkitSlugs);
        if (toolkitVersions == null || toolkitVersions.isEmpty()) {
            call.query("toolkit_versions", LATEST);
        } else {
            toolkitVersions.forEach((toolkit, version) -> call.query("toolkit_versions[" + toolkit + "]", version));
        }
        return transport.callPage(credentials, call.query("cursor", cursor), TriggerType.class);
    }

    /** All pages of {@link #list}. */
    public List<TriggerType> listAll(DevcasterCredentials credentials, List<String> toolkitSlugs,
                                     Map<String, String> toolkitVersions) {
        return Page.collectAll("GET /triggers_types",
                cursor -> list(credentials, toolkitSlugs, toolkitVersions, cursor));
    }

    /** Every trigger type slug the server knows. */
    public List<String> listSlugs(DevcasterCredentials credentials) {
        return List.of(transport.call(credentials, ApiCall.get("/triggers_types/list/enum"), String[].class));
    }
}
