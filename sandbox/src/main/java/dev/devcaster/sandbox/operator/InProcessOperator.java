package dev.devcaster.sandbox.operator;

import dev.devcaster.operator.app.DevcasterOperator;
import dev.devcaster.operator.app.Seams;
import dev.devcaster.operator.config.ConfigException;
import dev.devcaster.operator.config.OperatorConfig;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.sandbox.devcaster.Devcaster;
import dev.devcaster.sandbox.lifecycle.Component;
import dev.devcaster.sandbox.lifecycle.Ports;
import dev.devcaster.sandbox.output.Console;
import dev.devcaster.sandbox.output.SandboxException;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operator, in this process, built the way {@code Main} builds it: from its settings through
 * {@link DevcasterOperator#create}. It watches the sandbox namespace only and resyncs often, so
 * changes show quickly; /healthz, /readyz and /metrics listen on 127.0.0.1 only. On the local
 * cluster its admission webhook is on too (127.0.0.1, a free port): a ValidatingWebhookConfiguration
 * for the sandbox namespace makes kube-apiserver ask it before storing a Trigger, so an invalid
 * config is refused at apply with its field paths. A real cluster cannot reach this machine's
 * loopback: there the webhook stays off and the reconcile reports the error.
 */
public final class InProcessOperator implements Component {

    private static final String FLAG = "--http-port";
    private static final String WHAT = "the operator's /healthz and /metrics";
    static final String RESYNC = "30s";

    private final Supplier<KubernetesClient> client;
    private final Devcaster devcaster;
    private final String namespace;
    private final int httpPort;
    private final Console console;
    private final boolean webhook;
    private DevcasterOperator operator;
    private SandboxWebhook registration;

    /**
     * @param httpPort port of /healthz, /readyz and /metrics; 0 = off
     * @param webhook  serve the admission webhook and register it (the local cluster only)
     */
    public InProcessOperator(Supplier<KubernetesClient> client, Devcaster devcaster, String namespace, int httpPort,
                             boolean webhook, Console console) {
        this.client = client;
        this.devcaster = devcaster;
        this.namespace = namespace;
        this.httpPort = httpPort;
        this.webhook = webhook;
        this.console = console;
    }

    @Override
    public String name() {
        return "the operator";
    }

    @Override
    public void preflight() {
        Ports.requireFree(httpPort, true, WHAT, FLAG);
    }

    @Override
    public void start() {
        Map<String, String> env = new HashMap<>();
        env.put(Settings.API_KEY.env(), devcaster.apiKey());
        env.put(Settings.BASE_URL.env(), devcaster.baseUrl().toString());
        env.put(Settings.WATCH_NAMESPACES.env(), namespace);
        // The examples use the default key: the sandbox grants it to its namespace.
        env.put(Settings.DEFAULT_API_KEY_NAMESPACES.env(), namespace);
        env.put(Settings.OPERATOR_NAMESPACE.env(), namespace);
        env.put(Settings.RESYNC_PERIOD.env(), RESYNC);
        env.put(Settings.RECHECK_PERIOD.env(), "10s");
        env.put(Settings.HTTP_PORT.env(), Integer.toString(httpPort));
        env.put(Settings.HTTP_BIND_ADDRESS.env(), "127.0.0.1");
        if (webhook) {
            registration = SandboxWebhook.register(client.get(), namespace, Ports.freeLoopbackPort());
            env.put(Settings.WEBHOOK_PORT.env(), Integer.toString(registration.port()));
            env.put(Settings.WEBHOOK_CONFIGURATION.env(), registration.name());
        }
        OperatorConfig config;
        try {
            config = OperatorConfig.from(env);
        } catch (ConfigException e) {
            throw new SandboxException("invalid operator configuration: " + e.getMessage(),
                "check --base-url / DEVCASTER_BASE_URL and the other flags", e);
        }
        DevcasterOperator created = DevcasterOperator.create(config, client.get(), Seams.production());
        long t0 = System.nanoTime();
        try {
            created.start();
        } catch (UncheckedIOException e) {
            throw Ports.taken(config.httpPort(), WHAT, FLAG);
        }
        operator = created;
        if (registration != null) {
            registration.awaitServing();
        }
        int port = operator.httpPort();
        console.step("operator started after " + Console.since(t0) + " (in this process; watches namespace " + namespace
            + "; resync " + RESYNC + (registration == null ? "" : "; admission webhook https://127.0.0.1:"
            + registration.port() + SandboxWebhook.PATH) + (port == 0 ? "" : "; metrics http://127.0.0.1:" + port
            + "/metrics") + ")");
    }

    /** Whether kube-apiserver asks the operator before storing a Trigger (the local cluster). */
    public boolean webhook() {
        return registration != null;
    }

    /** The port /metrics listens on; 0 when off or not started. */
    public int httpPort() {
        return operator == null ? 0 : operator.httpPort();
    }

    /** Finishes in-flight reconciles first. */
    @Override
    public void stop() {
        if (operator != null) {
            operator.close();
        }
        if (registration != null) {
            registration.close();
        }
    }
}
