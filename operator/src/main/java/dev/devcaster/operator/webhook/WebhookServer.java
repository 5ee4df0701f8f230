package dev.devcaster.operator.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The admission webhook's HTTPS endpoint ({@code POST /validate-trigger}): TLS 1.2/1.3 with the
 * certificate its {@link ServingCertificates} keep current, refreshed on a schedule while it serves.
 * It knows nothing of admission: the handler turns a request body into a response body.
 */
public final class WebhookServer implements AutoCloseable {

    public static final String PATH = "/validate-trigger";
    /** The API server sends an AdmissionReview of one object (etcd's limit is 1.5 MiB); a bound for anything else. */
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

    /** Turns an AdmissionReview request body into the response body. */
    @FunctionalInterface
    public interface Handler {
        byte[] handle(byte[] body) throws IOException;
    }

    private final HttpsServer server;
    private final ServingCertificates certificates;
    private final ScheduledExecutorService refresher;

    /** Binds the port; call {@link #start()} to load the certificate and serve. */
    public WebhookServer(InetSocketAddress address, SwappableKeyManager keys, ServingCertificates certificates,
                         Handler handler, int threads) {
        this.certificates = certificates;
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[] {keys}, null, null);
            server = HttpsServer.create(address, 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                    parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                    parameters.setNeedClientAuth(false);
                    params.setSSLParameters(parameters);
                }
            });
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JRE", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, exchange -> serve(exchange, handler));
        server.setExecutor(Executors.newFixedThreadPool(threads, daemon("webhook-server")));
        this.refresher = Executors.newSingleThreadScheduledExecutor(daemon("webhook-certificates"));
    }

    /** Loads the certificate (renewing it if due), then serves, refreshing it periodically. */
    public void start() {
        certificates.refresh();
        long period = certificates.refreshPeriod().toMillis();
        refresher.scheduleWithFixedDelay(certificates::refresh, period, period, TimeUnit.MILLISECONDS);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain", "POST an AdmissionReview\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                respond(exchange, 413, "text/plain", "request too large\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] response;
            try {
                response = handler.handle(body);
            } catch (IOException | RuntimeException e) {
                LOG.warn("admission request not understood: {}", e.getMessage());
                respond(exchange, 400, "text/plain", ("not an AdmissionReview: " + e.getClass().getSimpleName() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
                return;
            }
            respond(exchange, 200, "application/json", response);
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
