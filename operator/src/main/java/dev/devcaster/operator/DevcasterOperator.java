package dev.devcaster.operator;

import dev.devcaster.operator.config.OperatorConfig;
import dev.devcaster.operator.devcaster.DevcasterClient;
import dev.devcaster.operator.reconcile.JitteredRetry;
import dev.devcaster.operator.reconcile.RemoteTriggerSync;
import dev.devcaster.operator.reconcile.TriggerReasons;
import dev.devcaster.operator.reconcile.TriggerReconciler;
import dev.devcaster.operator.reconcile.TriggerUpdateFilter;
import dev.devcaster.operator.runtime.LeaseRelease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Consumer;

/** The Trigger controller wired into a Java Operator SDK operator, as Main and the tests run it. */
public final class DevcasterOperator implements AutoCloseable {

    private static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    private static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    private static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
    /** How long a stop waits for in-flight reconciles; below the chart's termination grace period. */
    private static final Duration RECONCILE_GRACE = Duration.ofSeconds(20);

    private final Operator operator;
    private final OperatorConfig config;
    private final KubernetesClient client;
    private volatile boolean stopping;

    public DevcasterOperator(OperatorConfig config, KubernetesClient client, DevcasterClient devcaster,
                             MeterRegistry registry, RemoteTriggerSync.AfterUpsert afterUpsert) {
        this(config, client, devcaster, registry, afterUpsert, DevcasterOperator::exitAfterLostLeadership);
    }

    /**
     * @param onLostLeadership what to do when another replica took the Lease while this one still
     *                         runs: by default the process exits, so two leaders never reconcile at once
     */
    public DevcasterOperator(OperatorConfig config, KubernetesClient client, DevcasterClient devcaster,
                             MeterRegistry registry, RemoteTriggerSync.AfterUpsert afterUpsert,
                             Runnable onLostLeadership) {
        this.config = config;
        this.client = client;
        // Per-resource meters would grow with the number of Triggers; the reason gauge covers that.
        Metrics metrics = MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource().build();
        Consumer<ConfigurationServiceOverrider> settings = o -> {
            o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withConcurrentReconciliationThreads(config.concurrency())
                .withReconciliationTerminationTimeout(RECONCILE_GRACE)
                .withMetrics(metrics);
            if (config.leaderElection()) {
                var callbacks = new LeaderCallbacks(() -> { }, () -> {
                    if (!stopping) {
                        onLostLeadership.run();
                    }
                }, leader -> { });
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(config.leaderElectionLeaseName(),
                    config.leaderElectionNamespace(), LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD,
                    config.leaderElectionIdentity(), callbacks, false));
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
        stopping = true;
        operator.stop();
        if (config.leaderElection()) {
            LeaseRelease.release(client, config.leaderElectionNamespace(), config.leaderElectionLeaseName(),
                config.leaderElectionIdentity());
        }
    }

    private static void exitAfterLostLeadership() {
        LoggerFactory.getLogger(DevcasterOperator.class)
            .error("lost the leader lease to another replica; exiting so that only the new leader reconciles");
        // Not on the elector's thread: the shutdown hook waits for that executor.
        new Thread(() -> System.exit(1), "exit-after-lost-leadership").start();
    }
}
