package dev.devcaster.operator.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link ApiCall}: rate limit, timeout, metrics, debug log, error mapping. Resends
 * nothing but a request whose connection broke before any response, once; every other retry
 * decision belongs to the caller, which knows about backoff and requeueing.
 */
final class HttpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final String TIMER = "devcaster.client.requests";
    /**
     * Explicit histogram buckets (seconds: 0.05 … 10, then +Inf): nine series per endpoint and
     * status instead of the ~70 of a percentile histogram, and fine enough for alerts and SLOs.
     */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final ErrorMapper errors;
    private final ApiKeyThrottle throttle;
    private final RateBudget budget;
    private final MeterRegistry registry;
    private final Duration requestTimeout;

    HttpTransport(DevcasterClientConfig config, ObjectMapper mapper, MeterRegistry registry) {
        // HTTP/1.1: on plain http the JDK would otherwise try an h2c upgrade on every new connection.
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (config.proxy() != null) {
            // Unresolved: the proxy's name is looked up when connecting, so a DNS change needs no restart.
            builder.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(config.proxy().getHost(),
                    config.proxy().getPort())));
        }
        if (config.caBundle() != null) {
            builder.sslContext(TrustBundle.sslContext(config.caBundle()));
        }
        this.http = builder.build();
        this.mapper = mapper;
        this.errors = new ErrorMapper(mapper);
        this.throttle = new ApiKeyThrottle(config.permitsPerSecond(), config.maxRateLimitWait());
        this.budget = new RateBudget(throttle);
        this.registry = registry;
        this.requestTimeout = config.requestTimeout();
    }

    /** Turns for callers of one key, at the same rate as this transport's limit. */
    RateBudget budget() {
        return budget;
    }

    <T> T call(DevcasterCredentials credentials, ApiCall call, Class<T> type) {
        return decode(call, send(credentials, call), type);
    }

    <T> Page<T> callPage(DevcasterCredentials credentials, ApiCall call, Class<T> itemType) {
        JavaType pageType = mapper.getTypeFactory().constructParametricType(Page.class, itemType);
        return read(call, send(credentials, call), pageType);
    }

    /** Returns the 2xx response; every other outcome is thrown as a {@link DevcasterException}. */
    HttpResponse<byte[]> send(DevcasterCredentials credentials, ApiCall call) {
        HttpRequest request = request(credentials, call);
        try {
            return attempt(credentials, call, request);
        } catch (DroppedConnection first) {
            if (alreadyResentByJdk(call, first.getCause())) {
                throw connectionLost(call, first);
            }
            try {
                return attempt(credentials, call, request);
            } catch (DroppedConnection second) {
                throw connectionLost(call, second);
            }
        }
    }

    /**
     * The JDK client itself resends a GET once when the connection closes before any response
     * byte, and any request whose connection was refused; resending those again would make three
     * attempts. PATCH, DELETE and the upsert POST get that one resend here: all are idempotent (the
     * upsert by its match key), so a request lost with its connection cannot create a duplicate.
     */
    private static boolean alreadyResentByJdk(ApiCall call, Throwable failure) {
        return "GET".equals(call.method()) || failure instanceof ConnectException;
    }

    private static TransientException connectionLost(ApiCall call, DroppedConnection failure) {
        return new TransientException(ApiError.withoutResponse(call.endpoint(),
                "Connection lost before a response: " + failure.getCause()), failure.getCause());
    }

    <T> T decode(ApiCall call, HttpResponse<byte[]> response, Class<T> type) {
        return read(call, response, mapper.constructType(type));
    }

    private <T> T read(ApiCall call, HttpResponse<byte[]> response, JavaType type) {
        try {
            return mapper.readValue(response.body(), type);
        } catch (IOException e) {
            // A 2xx that is not the documented JSON comes from something in between (proxy, captive
            // portal), not from Devcaster: a later attempt may well get the real answer.
            throw new TransientException(new ApiError(call.endpoint(), response.statusCode(),
                    "Unreadable response body (" + e.getClass().getSimpleName() + ")", null, null, null, null), e);
        }
    }

    private HttpResponse<byte[]> attempt(DevcasterCredentials credentials, ApiCall call, HttpRequest request) {
        throttle.acquire(credentials, call.endpoint());
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            finish(credentials, call, "timeout", start);
            throw new TransientException(ApiError.withoutResponse(call.endpoint(),
                    "Timed out: " + e.getMessage()), e);
        } catch (IOException e) {
            finish(credentials, call, "io", start);
            throw new DroppedConnection(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException(ApiError.withoutResponse(call.endpoint(), "Interrupted"), e);
        }
        int status = response.statusCode();
        finish(credentials, call, statusTag(status), start);
        if (status >= 200 && status < 300) {
            return response;
        }
        DevcasterException failure = errors.toException(call, status, response.headers(), response.body(),
                credentials.apiKey());
        if (failure instanceof RateLimitedException limited) {
            throttle.pause(credentials, limited.retryAfter());
        }
        throw failure;
    }

    private HttpRequest request(DevcasterCredentials credentials, ApiCall call) {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri(credentials.baseUrl()))
                .timeout(requestTimeout)
                .header("x-api-key", credentials.apiKey())
                .header("Accept", "application/json");
        if (call.body() != null) {
            builder.header("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofByteArray(json(call.body()));
        }
        return builder.method(call.method(), body).build();
    }

    private byte[] json(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise request body " + body.getClass().getName(), e);
        }
    }

    private void finish(DevcasterCredentials credentials, ApiCall call, String status, long start) {
        long nanos = System.nanoTime() - start;
        Timer.builder(TIMER)
                .description("Devcaster API calls by route template and outcome")
                .tag("endpoint", call.endpoint())
                .tag("status", status)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        LOG.debug("{} -> {} in {} ms (key {})", call.endpoint(), status,
                TimeUnit.NANOSECONDS.toMillis(nanos), credentials.fingerprint());
    }

    /** 429 gets its own tag: it is the one 4xx an operator must watch. */
    private static String statusTag(int status) {
        return status == 429 ? "429" : (status / 100) + "xx";
    }

    /** Internal signal: the connection failed before a response; {@link #send} decides on the retry. */
    private static final class DroppedConnection extends RuntimeException {
        DroppedConnection(IOException cause) {
            super(cause);
        }
    }
}
