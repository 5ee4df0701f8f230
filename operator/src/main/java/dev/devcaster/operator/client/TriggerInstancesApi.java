package dev.devcaster.operator.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Trigger instances: create or match (upsert), list, enable/disable, delete. */
public final class TriggerInstancesApi {

    private static final String LIST = "/trigger_instances/active";
    private static final String MANAGE = "/trigger_instances/manage/{id}";

    private final HttpTransport transport;

    TriggerInstancesApi(HttpTransport transport) {
        this.transport = transport;
    }

    /**
     * Creates the instance, or matches an existing one (which the server re-enables). Whether a
     * config change matches the old instance or creates a new one depends on the server's match key.
     *
     * @throws InvalidConfigException the config fails the type's schema; {@link InvalidConfigException#errors()} per field
     * @throws NotFoundException      unknown trigger type
     * @throws RejectedException      (400) unknown or non-ACTIVE account, or one of another toolkit
     */
    public UpsertResult upsert(DevcasterCredentials credentials, String slug, UpsertTriggerRequest request) {
        ApiCall call = ApiCall.post("/trigger_instances/{slug}/upsert", slug).body(request);
        HttpResponse<byte[]> response = transport.send(credentials, call);
        TriggerId body = transport.decode(call, response, TriggerId.class);
        return new UpsertResult(body.triggerId(), response.statusCode() == 201);
    }

    /** One page; {@code cursor} null for the first. */
    public Page<TriggerInstance> list(DevcasterCredentials credentials, TriggerInstanceQuery query, String cursor) {
        ApiCall call = ApiCall.get(LIST)
                .query("trigger_ids", query.triggerIds())
                .query("connected_account_ids", query.connectedAccountIds())
                .query("auth_config_ids", query.authConfigIds())
                .query("user_ids", query.userIds())
                .query("trigger_names", query.triggerNames())
                .query("show_disabled", query.showDisabled())
                .query("limit", query.limit())
                .query("cursor", cursor);
        return transport.callPage(credentials, call, TriggerInstance.class);
    }

    /** All pages of {@link #list}: one call per page, the way drift detection should read. */
    public List<TriggerInstance> listAll(DevcasterCredentials credentials, TriggerInstanceQuery query) {
        return Page.collectAll("GET " + LIST, cursor -> list(credentials, query, cursor));
    }

    /**
     * @throws ConflictException already enabled (the desired state holds)
     * @throws NotFoundException no such instance
     */
    public void enable(DevcasterCredentials credentials, String triggerId) {
        setStatus(credentials, triggerId, "enable");
    }

    /**
     * @throws ConflictException already disabled (the desired state holds)
     * @throws NotFoundException no such instance
     */
    public void disable(DevcasterCredentials credentials, String triggerId) {
        setStatus(credentials, triggerId, "disable");
    }

    /** @throws NotFoundException no such instance, also when it was deleted already */
    public void delete(DevcasterCredentials credentials, String triggerId) {
        transport.send(credentials, ApiCall.delete(MANAGE, triggerId));
    }

    private void setStatus(DevcasterCredentials credentials, String triggerId, String status) {
        transport.send(credentials, ApiCall.patch(MANAGE, triggerId).body(Map.of("status", status)));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record TriggerId(String triggerId) {
    }
}
