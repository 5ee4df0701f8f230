package dev.devcaster.operator.app;

import dev.devcaster.operator.account.AccountResolver;
import dev.devcaster.operator.admission.AdmissionReviews;
import dev.devcaster.operator.admission.TriggerAdmission;
import dev.devcaster.operator.client.DevcasterClient;
import dev.devcaster.operator.client.DevcasterClientConfig;
import dev.devcaster.operator.config.OperatorConfig;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.credentials.CredentialsResolver;
import dev.devcaster.operator.credentials.KeyVault;
import dev.devcaster.operator.http.HealthServer;
import dev.devcaster.operator.credentials.SecretChanges;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.kubernetes.Leadership;
import dev.devcaster.operator.ownership.TriggerOwnership;
import dev.devcaster.operator.kubernetes.Requeue;
import dev.devcaster.operator.kubernetes.TrimmedTriggerStore;
import dev.devcaster.operator.kubernetes.WebhookObjects;
import dev.devcaster.operator.reconcile.DriftSweep;
import dev.devcaster.operator.reconcile.ReconcilePolicy;
import dev.devcaster.operator.reconcile.TriggerAddFilter;
import dev.devcaster.operator.reconcile.TransientBackoff;
import dev.devcaster.operator.reconcile.TriggerReconciler;
import dev.devcaster.operator.reconcile.TriggerSteps;
import dev.devcaster.operator.reconcile.TriggerUpdateFilter;
import dev.devcaster.operator.remote.RemoteInventory;
import dev.devcaster.operator.remote.RemoteTriggerSync;
import dev.devcaster.operator.status.ReasonGauge;
import dev.devcaster.operator.status.TriggerReport;
import dev.devcaster.operator.triggertype.ConfigValidator;
import dev.devcaster.operator.triggertype.TriggerTypeCache;
import dev.devcaster.operator.triggertype.TypeCheck;
import dev.devcaster.operator.webhook.CertificateFiles;
import dev.devcaster.operator.webhook.CertificateRenewal;
import dev.devcaster.operator.webhook.SelfManagedCertificates;
import dev.devcaster.operator.webhook.ServingCertificates;
import dev.devcaster.operator.webhook.SwappableKeyManager;
import dev.devcaster.operator.webhook.WebhookServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The composition root: the whole operator built from one {@link OperatorConfig}, the way
 * {@code Main}, the sandbox, the tests and the benchmark run it; then its lifecycle.
 */
public final class DevcasterOperator implements AutoCloseable {

    private static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    private static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    private static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
    /** How long a stop waits for in-flight reconciles; below the chart's termination grace period. */
    private static final Duration RECONCILE_GRACE = Duration.ofSeconds(20);
    /** Admission checks at once (and HTTPS threads); most are answered from the caches in a millisecond. */
    private static final int ADMISSION_THREADS = 8;

    static {
        // The JDK's HTTP server writes headers and body separately; without TCP_NODELAY each answer
        // waits ~40 ms for the client's delayed ACK (Nagle). Read once, when its first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final OperatorConfig config;
    private final Leadership leadership;
    private final KubernetesGateway kubernetes;
    private final PrometheusMeterRegistry registry;
    private final OperatorMetrics metrics;
    private final Operator operator;
    private final DriftSweep sweep;
    private final SecretChanges secretChanges;
    private final KubernetesClient client;
    private final TriggerSteps steps;
    private HealthServer health;
    private AdmissionReviews admission;
    private WebhookServer webhook;
    private volatile boolean stopping;

    private DevcasterOperator(OperatorConfig config, KubernetesClient client, Seams seams) {
        this.config = config;
        this.client = client;
        this.leadership = config.leaderElection() ? Leadership.elected() : Leadership.always();
        this.kubernetes = new KubernetesGateway(client, leadership);
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = OperatorMetrics.bindTo(registry);
        this.operator = new Operator(o -> {
            o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withConcurrentReconciliationThreads(config.concurrency())
                .withReconciliationTerminationTimeout(RECONCILE_GRACE)
                .withMetrics(metrics.josdk());
            if (config.leaderElection()) {
                // Writes stop the moment another replica is seen leading, before anything else happens.
                var callbacks = new LeaderCallbacks(() -> {
                    leadership.started();
                    metrics.leading(true);
                    tookOver();
                }, () -> {
                    leadership.lost();
                    metrics.leading(false);
                    if (!stopping) {
                        seams.onLostLeadership().run();
                    }
                }, leader -> {
                    if (!config.leaderElectionIdentity().equals(leader)) {
                        leadership.lost();
                    }
                });
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(config.leaderElectionLeaseName(),
                    config.leaderElectionNamespace(), LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD,
                    config.leaderElectionIdentity(), callbacks, false));
            }
        });
        TransientBackoff backoff = new TransientBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
        this.steps = steps(config, seams);
        TriggerReconciler reconciler = new TriggerReconciler(steps, new ReconcilePolicy(config.resyncPeriod(),
            config.recheckPeriod(), backoff, config.defaultDeletionPolicy()));
        this.sweep = reconciler.sweep();
        this.secretChanges = reconciler.secretChanges();
        operator.register(reconciler, c -> {
                c.withRetry(backoff)
                    .withOnAddFilter(new TriggerAddFilter())
                    .withOnUpdateFilter(new TriggerUpdateFilter(steps.ownership()));
                if (config.watchNamespaces().size() <= 1) {
                    // JOSDK hands one store instance to each per-namespace informer, and an informer's
                    // (re)list drops every key its own namespace lacks: a store is shared safely by one informer only.
                    c.withItemStore(new TrimmedTriggerStore());
                }
                if (!config.watchNamespaces().isEmpty()) {
                    c.settingNamespaces(config.watchNamespaces());
                }
                if (!config.shardSelector().selectsAll()) {
                    c.withLabelSelector(config.shardSelector().text());
                }
            });
    }

    public static DevcasterOperator create(OperatorConfig config, KubernetesClient client, Seams seams) {
        return new DevcasterOperator(config, client, seams);
    }

    /** Leadership arrives after construction; the Triggers the previous leader was retrying are asked for. */
    private void tookOver() {
        sweep.afterTakeover();
    }

    private TriggerSteps steps(OperatorConfig config, Seams seams) {
        DevcasterClient devcaster = new DevcasterClient(DevcasterClientConfig.defaults()
            .withRequestTimeout(config.requestTimeout())
            .withRateLimit(config.rateLimit(), permitWait(config.rateLimit()))
            .withProxy(config.get(Settings.PROXY).orElse(null))
            .withCaBundle(config.get(Settings.CA_BUNDLE).orElse(null)), registry);
        CredentialsResolver credentials = new CredentialsResolver(config.baseUrl(), config.defaultApiKey(),
            config.defaultKeyNamespaces(), kubernetes);
        TypeCheck types = new TypeCheck(new TriggerTypeCache(devcaster.triggerTypes(), config.typeCacheTtl()),
            new ConfigValidator(), config::toolkitVersionFor);
        // Account look-ups are shared by Triggers of one key for a short while: a stale answer only
        // delays a move or a Ready.
        Duration accountMaxAge = min(config.recheckPeriod().dividedBy(2), Duration.ofSeconds(30));
        Requeue requeue = new Requeue();
        return new TriggerSteps(credentials,
            new KeyVault(kubernetes, config.operatorNamespace(), config.keyVaultSecret(), config.baseUrl()), types,
            new AccountResolver(devcaster.connectedAccounts(), accountMaxAge), new TriggerOwnership(requeue),
            new RemoteTriggerSync(devcaster.triggerInstances(), leadership, seams.afterUpsert()),
            new RemoteInventory(devcaster.triggerInstances(), devcaster.connectedAccounts(), Duration.ofSeconds(1)),
            new TriggerReport(kubernetes, Clock.systemUTC()), new ReasonGauge(registry), kubernetes, requeue, leadership,
            devcaster.budget(), registry);
    }

    /**
     * The validating admission webhook: the reconcile's own credentials rule, type cache and
     * validator behind an HTTPS endpoint every replica serves (no Lease needed), with the serving
     * certificate from cert-manager's files or the operator's own CA.
     */
    private WebhookServer webhook() {
        // A resolver of its own: a Secret admission found missing must not be cached for the reconcile.
        CredentialsResolver credentials = new CredentialsResolver(config.baseUrl(), config.defaultApiKey(),
            config.defaultKeyNamespaces(), kubernetes);
        Duration timeout = config.get(Settings.WEBHOOK_TIMEOUT);
        admission = new AdmissionReviews(new TriggerAdmission(TriggerAdmission.Steps.of(credentials, steps.types(),
            steps.accounts()), config.watchNamespaces(), config.shardSelector(), config.get(Settings.WEBHOOK_FAILURE_POLICY)),
            max(timeout.multipliedBy(4).dividedBy(5), Duration.ofMillis(100)), ADMISSION_THREADS, registry,
            OperatorMetrics.LATENCY_BUCKETS);
        SwappableKeyManager keys = new SwappableKeyManager();
        ServingCertificates certificates = config.get(Settings.WEBHOOK_CERT_DIR)
            .<ServingCertificates>map(folder -> new CertificateFiles(folder, keys))
            .orElseGet(() -> new SelfManagedCertificates(new WebhookObjects(client), config.operatorNamespace(),
                config.get(Settings.WEBHOOK_CERT_SECRET), config.get(Settings.WEBHOOK_CONFIGURATION),
                new CertificateRenewal("devcaster-operator webhook CA (" + config.operatorNamespace() + ")",
                    config.get(Settings.WEBHOOK_HOSTS), config.get(Settings.WEBHOOK_CERT_VALIDITY)), keys,
                Clock.systemUTC()));
        return new WebhookServer(config.webhookAddress(), keys, certificates, admission::review, ADMISSION_THREADS);
    }

    /**
     * Serves /healthz, /readyz, /metrics and the admission webhook, then starts reconciling (or
     * waiting for the Lease).
     */
    public void start() {
        if (config.httpPort() != 0) {
            try {
                health = new HealthServer(config.httpAddress(), this::ready, registry);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve /healthz and /metrics on port " + config.httpPort(), e);
            }
        }
        if (config.webhookPort() != 0) {
            try {
                webhook = webhook();
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException("cannot serve the admission webhook on port " + config.webhookPort(),
                    e.getCause());
            }
            webhook.start();
        }
        operator.start();
        sweep.start();
        secretChanges.start();
        if (!config.leaderElection()) {
            metrics.leading(true);
        }
    }

    /**
     * Ready when started and every informer is healthy. A stand-by replica (leader election) has
     * started its informers too, so it reports ready: it can take over the moment the Lease frees.
     */
    public boolean ready() {
        RuntimeInfo info = operator.getRuntimeInfo();
        return info.isStarted() && info.allEventSourcesAreHealthy();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The port /healthz, /readyz and /metrics listen on; 0 when off. */
    public int httpPort() {
        return health == null ? 0 : health.port();
    }

    /** The port the admission webhook listens on (HTTPS); 0 when off. */
    public int webhookPort() {
        return webhook == null ? 0 : webhook.port();
    }

    /** Finishes in-flight reconciles and releases the leader Lease. */
    @Override
    public void close() {
        stopping = true;
        sweep.close();
        secretChanges.close();
        operator.stop();
        if (config.leaderElection()) {
            kubernetes.releaseLease(config.leaderElectionNamespace(), config.leaderElectionLeaseName(),
                config.leaderElectionIdentity());
        }
        if (webhook != null) {
            webhook.close();
            admission.close();
        }
        if (health != null) {
            health.close();
        }
        metrics.close();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * A reconcile is rescheduled for its turn instead of waiting for one; inside its turn, a call
     * waits at most one interval of the key's rate for its permit, so the few calls of one step (a
     * delete and the listing after it) go through together. Without that wait the second call
     * failed locally on every attempt whenever Devcaster answered faster than the interval, and a
     * deletion could retry for many seconds (seen with the local emulator).
     */
    private static Duration permitWait(double requestsPerSecond) {
        return requestsPerSecond == 0 ? Duration.ZERO : Duration.ofNanos(Math.round(1e9 / requestsPerSecond));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
