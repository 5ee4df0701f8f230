package dev.devcaster.operator;

import dev.devcaster.operator.config.ConfigException;
import dev.devcaster.operator.config.EnvironmentConfig;
import dev.devcaster.operator.config.LogFormat;
import dev.devcaster.operator.config.OperatorConfig;
import dev.devcaster.operator.devcaster.DevcasterClient;
import dev.devcaster.operator.devcaster.DevcasterClientConfig;
import dev.devcaster.operator.reconcile.RemoteTriggerSync;
import dev.devcaster.operator.runtime.HealthServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** Entry point: configuration from the environment, then the operator until SIGTERM. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        OperatorConfig config;
        try {
            config = EnvironmentConfig.fromSystem();
        } catch (ConfigException e) {
            System.err.println("devcaster-operator: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Chosen before the first logger exists, so every line has the same format.
        System.setProperty("log4j2.configurationFile",
            config.logFormat() == LogFormat.JSON ? "log4j2-json.xml" : "log4j2.xml");
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("starting with {}", config);

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        KubernetesClient client = new KubernetesClientBuilder().build();
        DevcasterClient devcaster = new DevcasterClient(DevcasterClientConfig.defaults()
            .withRequestTimeout(config.requestTimeout())
            .withRateLimit(config.rateLimit(), Duration.ofSeconds(5)), registry);
        DevcasterOperator operator = new DevcasterOperator(config, client, devcaster, registry,
            RemoteTriggerSync.AfterUpsert.NONE);

        HealthServer health = config.httpPort() == 0 ? null
            : new HealthServer(config.httpPort(), () -> operator.ready(), registry);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping: finishing in-flight reconciles and releasing the leader lease");
            operator.close();
            if (health != null) {
                health.close();
            }
            client.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            operator.start();
        } catch (RuntimeException e) {
            // Exit, so Kubernetes restarts the pod and shows why, instead of serving a healthy /healthz.
            log.error("could not start: {}", e.getMessage(), e);
            System.exit(1);
        }
        log.info("started; health and metrics on port {}", health == null ? "(off)" : health.port());
        stopped.await();
    }
}
