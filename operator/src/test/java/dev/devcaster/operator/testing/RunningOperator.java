package dev.devcaster.operator.testing;

import dev.devcaster.operator.DevcasterOperator;
import dev.devcaster.operator.config.EnvironmentConfig;
import dev.devcaster.operator.config.OperatorConfig;
import dev.devcaster.operator.devcaster.DevcasterClient;
import dev.devcaster.operator.devcaster.DevcasterClientConfig;
import dev.devcaster.operator.reconcile.RemoteTriggerSync;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The real operator, in-process, watching one test namespace and talking to the emulator over
 * HTTP. Short resync and recheck periods keep the end-to-end tests quick.
 */
public final class RunningOperator implements AutoCloseable {

    private final DevcasterOperator operator;
    private final MeterRegistry registry;
    private final AtomicBoolean lostLeadership;

    private RunningOperator(DevcasterOperator operator, MeterRegistry registry, AtomicBoolean lostLeadership) {
        this.operator = operator;
        this.registry = registry;
        this.lostLeadership = lostLeadership;
    }

    public DevcasterOperator operator() {
        return operator;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** In tests, losing the Lease is recorded instead of exiting the JVM. */
    public boolean lostLeadership() {
        return lostLeadership.get();
    }

    public static Builder builder(KubernetesClient client, String namespace, URI devcasterUrl) {
        return new Builder(client, namespace, devcasterUrl);
    }

    @Override
    public void close() {
        operator.close();
    }

    public static final class Builder {
        private final KubernetesClient client;
        private final Map<String, String> env = new HashMap<>();
        private RemoteTriggerSync.AfterUpsert afterUpsert = RemoteTriggerSync.AfterUpsert.NONE;
        private MeterRegistry registry = new SimpleMeterRegistry();

        private Builder(KubernetesClient client, String namespace, URI devcasterUrl) {
            this.client = client;
            env.put(EnvironmentConfig.BASE_URL, devcasterUrl.toString());
            env.put(EnvironmentConfig.WATCH_NAMESPACES, namespace);
            env.put(EnvironmentConfig.RESYNC_PERIOD, "2s");
            env.put(EnvironmentConfig.RECHECK_PERIOD, "1s");
            env.put(EnvironmentConfig.RATE_LIMIT, "0");
            env.put(EnvironmentConfig.REQUEST_TIMEOUT, "3s");
            env.put(EnvironmentConfig.HTTP_PORT, "0");
        }

        public Builder defaultApiKey(String apiKey) {
            return env(EnvironmentConfig.API_KEY, apiKey);
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder afterUpsert(RemoteTriggerSync.AfterUpsert hook) {
            this.afterUpsert = hook;
            return this;
        }

        public Builder registry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        public RunningOperator start() {
            OperatorConfig config = new EnvironmentConfig(env).load();
            DevcasterClient devcaster = new DevcasterClient(DevcasterClientConfig.defaults()
                .withRequestTimeout(config.requestTimeout()), registry);
            AtomicBoolean lost = new AtomicBoolean();
            DevcasterOperator operator = new DevcasterOperator(config, client, devcaster, registry, afterUpsert,
                () -> lost.set(true));
            operator.start();
            return new RunningOperator(operator, registry, lost);
        }
    }
}
