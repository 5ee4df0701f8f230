package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.DevcasterException;
import dev.devcaster.operator.credentials.CredentialsResolver;
import dev.devcaster.operator.kubernetes.LeaderTask;
import dev.devcaster.operator.kubernetes.Leadership;
import dev.devcaster.operator.kubernetes.Requeue;
import dev.devcaster.operator.remote.RemoteInventory;
import dev.devcaster.operator.trigger.Trigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Drift detection for all Synced Triggers at once, once per resync period: one snapshot per project
 * of exactly the instances and accounts its Triggers use, each Trigger confirmed against it, and
 * only those that drifted (or cannot be confirmed) reconciled. In-sync Triggers cost no reconcile,
 * no remote call of their own and no write; after a restart they are confirmed in bulk instead of
 * queueing in front of the Triggers that need work. Runs on its own thread, on the leader only.
 */
public final class DriftSweep implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DriftSweep.class);
    private static final Duration FIRST_SWEEP = Duration.ofSeconds(1);

    private record Project(DevcasterCredentials key, List<Trigger> triggers) {
    }

    private final InSyncCheck check;
    private final CredentialsResolver credentials;
    private final RemoteInventory inventory;
    private final Requeue requeue;
    private final LeaderTask task;
    private final Duration period;
    private final Counter confirmed;
    private final Counter drifted;
    private final Timer duration;
    private volatile Supplier<Stream<Trigger>> triggers = Stream::empty;

    DriftSweep(InSyncCheck check, CredentialsResolver credentials, RemoteInventory inventory, Requeue requeue,
               Leadership leadership, Duration period, MeterRegistry registry) {
        this.check = check;
        this.credentials = credentials;
        this.inventory = inventory;
        this.requeue = requeue;
        this.period = period;
        this.confirmed = Counter.builder("devcaster.drift.checks").tag("result", "in_sync")
            .description("Synced Triggers checked for drift by the sweep").register(registry);
        this.drifted = Counter.builder("devcaster.drift.checks").tag("result", "reconciled")
            .description("Synced Triggers checked for drift by the sweep").register(registry);
        this.duration = Timer.builder("devcaster.drift.sweep").description("Duration of one drift sweep")
            .register(registry);
        this.task = new LeaderTask("drift-sweep", leadership, () -> duration.record(this::sweep));
    }

    void attach(Supplier<Stream<Trigger>> cachedTriggers) {
        this.triggers = cachedTriggers;
    }

    public void start() {
        task.start(FIRST_SWEEP, Jitter.around(period));
    }

    /**
     * This replica just took over: the retries of the Triggers that are not in sync were scheduled by
     * the previous leader and died with it, and the status writes that made them so never reached
     * this replica's controller (they are filtered out), so they are asked for now.
     */
    public void afterTakeover() {
        triggers.get().filter(t -> !InSyncCheck.candidate(t)).forEach(requeue::now);
    }

    void sweep() {
        Map<String, Project> projects = new HashMap<>();
        triggers.get().filter(InSyncCheck::candidate).forEach(t -> {
            try {
                DevcasterCredentials key = credentials.resolve(t);
                projects.computeIfAbsent(key.fingerprint(), fp -> new Project(key, new ArrayList<>())).triggers().add(t);
            } catch (RuntimeException e) {
                reconcile(t); // its credentials changed: the full sync says how
            }
        });
        projects.values().forEach(this::sweepProject);
    }

    private void sweepProject(Project project) {
        Set<String> ids = project.triggers().stream().map(t -> t.getStatus().getTriggerId()).collect(Collectors.toSet());
        Set<String> accounts = project.triggers().stream().map(t -> t.getStatus().getConnectedAccountId())
            .collect(Collectors.toSet());
        RemoteInventory.Snapshot snapshot;
        try {
            snapshot = inventory.snapshot(project.key(), ids, accounts);
        } catch (DevcasterException e) {
            // Nothing is known: the Triggers stay as they are and the next sweep looks again.
            LOG.warn("drift sweep of project {} skipped: {}", project.key().fingerprint(), e.summary());
            return;
        }
        int reconciled = 0;
        for (Trigger trigger : project.triggers()) {
            if (check.confirms(trigger, project.key(), snapshot)) {
                confirmed.increment();
            } else {
                reconcile(trigger);
                reconciled++;
            }
        }
        LOG.debug("drift sweep of project {}: {} Triggers, {} reconciled, {} remote calls",
            project.key().fingerprint(), project.triggers().size(), reconciled, snapshot.calls());
    }

    private void reconcile(Trigger trigger) {
        drifted.increment();
        requeue.now(trigger);
    }

    @Override
    public void close() {
        task.close();
    }
}
