package dev.devcaster.operator;

import dev.devcaster.operator.config.OperatorConfig;
import dev.devcaster.operator.devcaster.DevcasterClient;
import dev.devcaster.operator.reconcile.JitteredRetry;
import dev.devcaster.operator.reconcile.RemoteTriggerSync;
import dev.devcaster.operator.reconcile.TriggerReasons;
import dev.devcaster.operator.reconcile.TriggerReconciler;
import dev.devcaster.operator.reconcile.TriggerUpdateFilter;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.function.Consumer;

/** The Trigger controller wired into a Java Operator SDK operator, as Main and the tests run it. */
public final class DevcasterOperator implements AutoCloseable {

    private final Operator operator;

    public DevcasterOperator(OperatorConfig config, KubernetesClient client, DevcasterClient devcaster,
                             MeterRegistry registry, RemoteTriggerSync.AfterUpsert afterUpsert) {
        // Per-resource meters would grow with the number of Triggers; the reason gauge covers that.
        Metrics metrics = MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource().build();
        Consumer<ConfigurationServiceOverrider> settings = o -> {
            o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withConcurrentReconciliationThreads(config.concurrency())
                .withMetrics(metrics)
                .withStopOnInformerErrorDuringStartup(false);
            if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(
                    config.leaderElectionLeaseName(), config.leaderElectionNamespace()));
            }
        };
        this.operator = new Operator(settings);
        operator.register(new TriggerReconciler(config, devcaster, new TriggerReasons(registry), afterUpsert), c -> {
            c.withRetry(new JitteredRetry(Duration.ofSeconds(1), Duration.ofMinutes(5)))
                .withReconciliationMaxInterval(config.resyncPeriod().multipliedBy(2))
                .withOnUpdateFilter(new TriggerUpdateFilter());
            if (!config.watchNamespaces().isEmpty()) {
                c.settingNamespaces(config.watchNamespaces());
            }
        });
    }

    public void start() {
        operator.start();
    }

    /**
     * Ready when started and every informer is healthy. A stand-by replica (leader election) has
     * started its informers too, so it reports ready: it can take over the moment the Lease frees.
     */
    public boolean ready() {
        RuntimeInfo info = operator.getRuntimeInfo();
        return info.isStarted() && info.allEventSourcesAreHealthy();
    }

    /** Finishes in-flight reconciles and releases the leader Lease. */
    @Override
    public void close() {
        operator.stop();
    }
}
