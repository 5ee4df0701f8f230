package dev.devcaster.operator.credentials;

import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.kubernetes.LeaderTask;
import dev.devcaster.operator.kubernetes.Leadership;
import dev.devcaster.operator.kubernetes.Requeue;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reconciles the Triggers of a credentials Secret soon after it changes (a rotated key, another
 * project's key, the Secret created or deleted). The operator may only get Secrets by name, never
 * list or watch them, so instead of a watch it reads each Secret in use once per period: one read
 * per Secret, however many Triggers share it. Runs on its own thread, on the leader only.
 */
public final class SecretChanges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SecretChanges.class);

    private final KubernetesGateway kubernetes;
    private final CredentialsResolver credentials;
    private final Requeue requeue;
    private final LeaderTask task;
    private final Duration period;
    private volatile Supplier<Stream<Trigger>> triggers = Stream::empty;

    public SecretChanges(KubernetesGateway kubernetes, CredentialsResolver credentials, Requeue requeue,
                         Leadership leadership, Duration period) {
        this.kubernetes = kubernetes;
        this.credentials = credentials;
        this.requeue = requeue;
        this.task = new LeaderTask("secret-changes", leadership, this::check);
        this.period = period;
    }

    public void attach(Supplier<Stream<Trigger>> cachedTriggers) {
        this.triggers = cachedTriggers;
    }

    public void start() {
        task.start(period, period);
    }

    /** One pass: reads every Secret the cached Triggers name, reconciles the users of those that changed. */
    public void check() {
        Map<SecretName, List<Trigger>> users = new HashMap<>();
        triggers.get().forEach(t -> {
            SecretKeyRef ref = t.getSpec() == null ? null : t.getSpec().getCredentialsSecretRef();
            if (ref != null && ref.getName() != null) {
                users.computeIfAbsent(new SecretName(t.getMetadata().getNamespace(), ref.getName()),
                    n -> new ArrayList<>()).add(t);
            }
        });
        credentials.retainUsed(users.keySet());
        users.forEach((name, using) -> credentials.usedVersion(name).ifPresent(used -> {
            // Compared with what the reconciles used, so a change made before the first pass counts too.
            if (!used.equals(SecretName.version(kubernetes.secret(name.namespace(), name.name())))) {
                LOG.info("Secret {}/{} changed: reconciling the {} Triggers that use it", name.namespace(), name.name(),
                    using.size());
                credentials.forget(name);
                using.forEach(requeue::now);
            }
        }));
    }

    @Override
    public void close() {
        task.close();
    }
}
