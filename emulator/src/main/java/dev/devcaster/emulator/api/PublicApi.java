package dev.devcaster.emulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.emulator.catalog.Catalog;
import dev.devcaster.emulator.catalog.ConfigValidator;
import dev.devcaster.emulator.faults.FaultTarget;
import dev.devcaster.emulator.faults.Faults;
import dev.devcaster.emulator.faults.InjectedFault;
import dev.devcaster.emulator.faults.RateQuota;
import dev.devcaster.emulator.requests.KeyFingerprint;
import dev.devcaster.emulator.requests.RequestLog;
import dev.devcaster.emulator.requests.RequestRecord;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.emulator.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public Devcaster API under /api/v3 and /api/v3.1. Every route runs the same pipeline:
 * injected faults, the per-key quota, API-key auth, the handler, then one request-log entry.
 */
public final class PublicApi {

    private static final Logger LOG = LoggerFactory.getLogger(PublicApi.class);
    private static final String API_KEY_HEADER = "x-api-key";
    private static final String REQUEST_ID_HEADER = "x-request-id";
    /** What a proxy in front of Devcaster answers for a path it does not route: no JSON, no envelope. */
    private static final String MISROUTED_PAGE = "<html>\r\n<head><title>404 Not Found</title></head>\r\n"
            + "<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private final Function<String, Optional<Project>> projects;
    private final Faults faults;
    private final RequestLog requestLog;
    private final TriggerTypeEndpoints triggerTypes;
    private final TriggerInstanceEndpoints triggerInstances;
    private final ConnectedAccountEndpoints connectedAccounts;
    private final AuthConfigEndpoints authConfigs;

    public PublicApi(Function<String, Optional<Project>> projects, Supplier<Catalog> catalog, Faults faults,
                     RequestLog requestLog, ObjectMapper mapper) {
        this.projects = projects;
        this.faults = faults;
        this.requestLog = requestLog;
        Representations views = new Representations(mapper);
        this.triggerTypes = new TriggerTypeEndpoints(catalog, views);
        this.triggerInstances = new TriggerInstanceEndpoints(catalog, new ConfigValidator(), mapper, views);
        this.connectedAccounts = new ConnectedAccountEndpoints(views);
        this.authConfigs = new AuthConfigEndpoints(views);
    }

    public void register(Javalin app) {
        for (ApiVersion version : ApiVersion.values()) {
            route(app, version, HandlerType.GET, "/triggers_types/list/enum", triggerTypes::listEnum);
            route(app, version, HandlerType.GET, "/triggers_types/{slug}", triggerTypes::get);
            route(app, version, HandlerType.GET, "/triggers_types", triggerTypes::list);
            route(app, version, HandlerType.POST, "/trigger_instances/{slug}/upsert", triggerInstances::upsert);
            route(app, version, HandlerType.GET, "/trigger_instances/active", triggerInstances::listActive);
            route(app, version, HandlerType.PATCH, "/trigger_instances/manage/{triggerId}", triggerInstances::setStatus);
            route(app, version, HandlerType.DELETE, "/trigger_instances/manage/{triggerId}", triggerInstances::delete);
            route(app, version, HandlerType.GET, "/connected_accounts", connectedAccounts::list);
            route(app, version, HandlerType.GET, "/connected_accounts/{id}", connectedAccounts::get);
            route(app, version, HandlerType.GET, "/auth_configs", authConfigs::list);
            route(app, version, HandlerType.GET, "/auth_configs/{id}", authConfigs::get);
        }
    }

    private void route(Javalin app, ApiVersion version, HandlerType method, String template, ApiHandler handler) {
        // One counter per route, whichever prefix was used.
        String route = ApiVersion.V3.prefix() + template;
        String endpoint = method.name() + " " + route;
        app.addHttpHandler(method, version.prefix() + template, ctx -> serve(ctx, version, route, endpoint, handler));
    }

    private void serve(Context ctx, ApiVersion version, String route, String endpoint, ApiHandler handler) {
        Instant at = Instant.now();
        String apiKey = ctx.header(API_KEY_HEADER);
        String keyId = KeyFingerprint.of(apiKey);
        String requestId = "req_" + Long.toHexString(System.nanoTime()) + Integer.toHexString(ctx.hashCode());
        ctx.header(REQUEST_ID_HEADER, requestId);
        FaultTarget target = new FaultTarget(ctx.method().name(), route, ctx.path(), apiKey);
        int status;
        try {
            status = handle(ctx, version, handler, target, keyId, requestId);
        } catch (ApiException e) {
            status = answer(ctx, e, requestId);
        } catch (StoreException e) {
            status = answer(ctx, ApiException.from(e), requestId);
        } catch (Exception e) {
            LOG.error("{} failed", endpoint, e);
            status = answer(ctx, new ApiException(500, 1500, "Internal_Error", "Internal server error", null, List.of()),
                    requestId);
        }
        requestLog.add(new RequestRecord(at, ctx.method().name(), ctx.path(), endpoint, status, keyId, triggerId(ctx)));
        if (status == 0) {
            // After logging: the client sees the drop at once, and a test may read the log right then.
            ConnectionDropper.drop(ctx);
        }
    }

    /** The {@code {triggerId}} of a manage route, else the id an upsert answered with, else null. */
    private static String triggerId(Context ctx) {
        String fromPath = ctx.pathParamMap().get(ApiRequest.TRIGGER_ID_PARAM);
        return fromPath != null ? fromPath : ctx.attribute(ApiRequest.TRIGGER_ID_ATTRIBUTE);
    }

    private static int answer(Context ctx, ApiException e, String requestId) {
        ctx.status(e.status()).json(ErrorEnvelope.of(e, requestId));
        return e.status();
    }

    /** Returns the status answered, 0 for a connection to drop. */
    private int handle(Context ctx, ApiVersion version, ApiHandler handler, FaultTarget target, String keyId,
                       String requestId) throws Exception {
        Duration latency = faults.currentLatency();
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis());
        }
        Optional<InjectedFault> fault = faults.next(target);
        if (fault.isPresent()) {
            return inject(ctx, fault.get(), requestId);
        }
        Optional<RateQuota> quota = faults.currentRateQuota();
        if (quota.isPresent()) {
            RateQuota.Usage usage = quota.get().consume(keyId, Instant.now());
            rateLimitHeaders(ctx, quota.get().limit(), usage.remaining(), quota.get().window().toSeconds());
            if (!usage.allowed()) {
                ctx.header("Retry-After", Long.toString(usage.retryAfterSeconds()));
                ctx.status(429).json(ErrorEnvelope.rateLimited(quota.get().limit(), quota.get().window().toSeconds()));
                return 429;
            }
        }
        Project project = (target.apiKey() == null ? Optional.<Project>empty() : projects.apply(target.apiKey()))
                .orElseThrow(ApiException::unauthorized);
        handler.handle(new ApiRequest(ctx, project, version));
        return ctx.statusCode();
    }

    private int inject(Context ctx, InjectedFault fault, String requestId) {
        switch (fault.kind()) {
            case DROP -> {
                return 0;
            }
            case RATE_LIMITED -> {
                int limit = faults.currentRateQuota().map(RateQuota::limit).orElse(2000);
                long window = faults.currentRateQuota().map(q -> q.window().toSeconds()).orElse(60L);
                if (fault.withHeaders()) {
                    rateLimitHeaders(ctx, limit, 0, window);
                    ctx.header("Retry-After", Long.toString(fault.retryAfterSeconds()));
                }
                ctx.status(429).json(ErrorEnvelope.rateLimited(limit, window));
                return 429;
            }
            case MISROUTED -> {
                // Something in front of Devcaster answered: none of Devcaster's headers, no JSON.
                ctx.res().setHeader(REQUEST_ID_HEADER, null);
                ctx.status(404).contentType("text/html").result(MISROUTED_PAGE);
                return 404;
            }
            default -> {
                ApiException error = new ApiException(fault.status(), 1000 + fault.status(), "Emulator_InjectedFault",
                        fault.status() == 503 ? "Service unavailable" : "Injected failure", null, List.of());
                ctx.status(fault.status()).json(ErrorEnvelope.of(error, requestId));
                return fault.status();
            }
        }
    }

    private static void rateLimitHeaders(Context ctx, int limit, int remaining, long windowSeconds) {
        ctx.header("X-RateLimit", Integer.toString(limit));
        ctx.header("X-RateLimit-Remaining", Integer.toString(remaining));
        ctx.header("X-RateLimit-Window-Size", windowSeconds + "s");
    }
}
