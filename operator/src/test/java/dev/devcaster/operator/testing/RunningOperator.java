package dev.devcaster.operator.testing;

import dev.devcaster.operator.app.DevcasterOperator;
import dev.devcaster.operator.app.Seams;
import dev.devcaster.operator.config.OperatorConfig;
import dev.devcaster.operator.config.Setting;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.remote.RemoteTriggerSync;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The real operator, in-process, built by the same composition root as {@code Main}, watching one
 * test namespace and talking to the emulator over HTTP. Every setting goes through the operator's
 * own configuration; short resync and recheck periods keep the end-to-end tests quick.
 */
public final class RunningOperator implements AutoCloseable {

    private final DevcasterOperator operator;
    private final AtomicBoolean lostLeadership;

    private RunningOperator(DevcasterOperator operator, AtomicBoolean lostLeadership) {
        this.operator = operator;
        this.lostLeadership = lostLeadership;
    }

    public DevcasterOperator operator() {
        return operator;
    }

    public MeterRegistry registry() {
        return operator.registry();
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

        private Builder(KubernetesClient client, String namespace, URI devcasterUrl) {
            this.client = client;
            set(Settings.BASE_URL, devcasterUrl.toString());
            set(Settings.WATCH_NAMESPACES, namespace);
            set(Settings.DEFAULT_API_KEY_NAMESPACES, namespace);
            set(Settings.OPERATOR_NAMESPACE, namespace);
            set(Settings.RESYNC_PERIOD, "2s");
            set(Settings.RECHECK_PERIOD, "1s");
            set(Settings.RATE_LIMIT, "0");
            set(Settings.REQUEST_TIMEOUT, "3s");
            set(Settings.HTTP_PORT, "0");
        }

        public Builder defaultApiKey(String apiKey) {
            return set(Settings.API_KEY, apiKey);
        }

        public Builder set(Setting<?> setting, String value) {
            return env(setting.env(), value);
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder afterUpsert(RemoteTriggerSync.AfterUpsert hook) {
            this.afterUpsert = hook;
            return this;
        }

        public RunningOperator start() {
            AtomicBoolean lost = new AtomicBoolean();
            DevcasterOperator operator = DevcasterOperator.create(OperatorConfig.from(env), client,
                Seams.production().withAfterUpsert(afterUpsert).withOnLostLeadership(() -> lost.set(true)));
            operator.start();
            return new RunningOperator(operator, lost);
        }
    }
}
