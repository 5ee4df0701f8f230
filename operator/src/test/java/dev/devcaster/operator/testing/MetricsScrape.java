package dev.devcaster.operator.testing;

import com.sun.net.httpserver.HttpServer;
import dev.devcaster.operator.app.OperatorMetrics;
import dev.devcaster.operator.client.DevcasterClient;
import dev.devcaster.operator.client.DevcasterClientConfig;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.status.ReasonGauge;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerFixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;


/**
 * A scrape of the operator's real registry after a little of everything it measures happened:
 * {@link OperatorMetrics} as the composition root binds it, JOSDK's own {@code MicrometerMetrics}
 * called the way JOSDK calls it (a reconcile, a failed one, a cleanup), the Devcaster client
 * timing real HTTP calls (2xx, 429, 5xx) to a server on loopback, and the reason gauge. The unit
 * tests of the dashboard and the alert rules check the metric names they use against it; {@code
 * OperatorMetricsIT} checks the same names against the real operator's {@code /metrics}.
 */
public final class MetricsScrape {

    public static final String CONTROLLER = "triggerreconciler";

    private MetricsScrape() {
    }

    public static PrometheusText exercised() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (OperatorMetrics metrics = OperatorMetrics.bindTo(registry)) {
            metrics.leading(true);
            exerciseJosdk(metrics.josdk());
            exerciseClient(registry);
            new ReasonGauge(registry);
            awaitGcPause(registry);
            return new PrometheusText(registry.scrape());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** jvm_gc_pause_seconds exists after the first collection: ask for one, its notification records it. */
    private static void awaitGcPause(PrometheusMeterRegistry registry) throws InterruptedException {
        for (int i = 0; i < 50 && registry.find("jvm.gc.pause").timer() == null; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    /** A real JOSDK Controller registers its gauges; then the calls JOSDK makes around reconciles. */
    private static void exerciseJosdk(Metrics josdk) throws Exception {
        // Registering builds the Controller (which announces itself to the metrics); nothing is started,
        // so the client never connects.
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build()) {
            Operator operator = new Operator(o -> o.withKubernetesClient(client).withMetrics(josdk));
            operator.register(new StubReconciler(), c -> c.withName(CONTROLLER));
        }

        Trigger trigger = TriggerFixtures.trigger("t", "GITHUB_COMMIT_EVENT", "alice");
        trigger.getMetadata().setNamespace("team-a");
        Map<String, Object> metadata = Map.of(Constants.RESOURCE_GVK_KEY, GroupVersionKind.gvkFor(Trigger.class),
            Constants.CONTROLLER_NAME, CONTROLLER);
        josdk.reconcileCustomResource(trigger, null, metadata);
        josdk.reconciliationExecutionStarted(trigger, metadata);
        josdk.timeControllerExecution(execution("reconcile", trigger, metadata, false));
        josdk.reconciliationExecutionFinished(trigger, metadata);
        josdk.finishedReconciliation(trigger, metadata);

        josdk.reconcileCustomResource(trigger, null, metadata);
        try {
            josdk.timeControllerExecution(execution("reconcile", trigger, metadata, true));
        } catch (RuntimeException expected) {
            josdk.failedReconciliation(trigger, expected, metadata);
        }
        josdk.timeControllerExecution(execution("cleanup", trigger, metadata, false));
        josdk.cleanupDoneFor(ResourceID.fromResource(trigger), metadata);
    }

    /** Stands in for the operator's reconciler: same resource type, same controller name. */
    static final class StubReconciler implements Reconciler<Trigger> {
        @Override
        public UpdateControl<Trigger> reconcile(Trigger resource, Context<Trigger> context) {
            return UpdateControl.noUpdate();
        }
    }

    private static Metrics.ControllerExecution<String> execution(String name, HasMetadata resource,
                                                               Map<String, Object> metadata, boolean fail) {
        return new Metrics.ControllerExecution<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String controllerName() {
                return CONTROLLER;
            }

            @Override
            public String successTypeName(String result) {
                return result;
            }

            @Override
            public ResourceID resourceID() {
                return ResourceID.fromResource(resource);
            }

            @Override
            public Map<String, Object> metadata() {
                return metadata;
            }

            @Override
            public String execute() {
                if (fail) {
                    throw new IllegalStateException("reconcile failed");
                }
                return "resource";
            }
        };
    }

    /** Three calls to a loopback server answering 200, then 429, then 500. */
    private static void exerciseClient(PrometheusMeterRegistry registry) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] statuses = {200, 429, 500};
        AtomicInteger next = new AtomicInteger();
        server.createContext("/", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(statuses[Math.min(next.getAndIncrement(), statuses.length - 1)], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            DevcasterClient client = new DevcasterClient(DevcasterClientConfig.defaults()
                .withRequestTimeout(Duration.ofSeconds(5)).withRateLimit(0, Duration.ZERO), registry);
            DevcasterCredentials credentials = new DevcasterCredentials(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "dk_metrics_test");
            for (int i = 0; i < statuses.length; i++) {
                try {
                    client.triggerTypes().get(credentials, "GITHUB_COMMIT_EVENT", null);
                } catch (RuntimeException expected) {
                    // 429 and 500 are thrown as client exceptions; the timer has them already
                }
            }
        } finally {
            server.stop(0);
        }
    }
}
