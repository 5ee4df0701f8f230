package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.credentials.SecretChanges;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.kubernetes.Requeue;
import dev.devcaster.operator.kubernetes.LostLeadershipException;
import dev.devcaster.operator.kubernetes.StaleResourceException;
import dev.devcaster.operator.ownership.TriggerOwnership;
import dev.devcaster.operator.status.Outcome;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.ReasonGauge;
import dev.devcaster.operator.status.TriggerReport;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Java Operator SDK adapter, and nothing else: run the sync and report its outcome; for a
 * Trigger being deleted, run the cleanup and release it. In-sync Triggers are not reconciled
 * periodically: the {@link DriftSweep} confirms them in bulk and asks for those that drifted. The
 * reconciler sees every event and handles its finalizer itself, so the finalizer goes on in the
 * same write as the create intent, right before a remote create, and a Trigger that never reached
 * Devcaster is deleted at once. What a reconcile does is in {@link TriggerSync} and
 * {@link TriggerDeletion}; the design note is operator/DESIGN.md.
 */
@ControllerConfiguration(name = TriggerReconciler.NAME, generationAwareEventProcessing = false,
    triggerReconcilerOnAllEvents = true)
public class TriggerReconciler implements Reconciler<Trigger> {

    public static final String NAME = "trigger";

    private static final Logger LOG = LoggerFactory.getLogger(TriggerReconciler.class);
    /** After a write lost to a newer version: the newer version's own event usually comes first. */
    private static final Duration STALE_RETRY = Duration.ofSeconds(1);

    private final TriggerSync sync;
    private final TriggerDeletion deletion;
    private final CreateMarker marker;
    private final TriggerReport report;
    private final KubernetesGateway kubernetes;
    private final TriggerOwnership ownership;
    private final ReasonGauge gauge;
    private final Requeue requeue;
    private final DriftSweep sweep;
    private final SecretChanges secretChanges;
    private final Duration recheckPeriod;
    private volatile boolean publishingWrites;

    public TriggerReconciler(TriggerSteps steps, ReconcilePolicy policy) {
        Failures failures = new Failures(policy.transientBackoff(), policy.recheckPeriod());
        this.marker = new CreateMarker(steps.vault(), steps.kubernetes());
        this.requeue = steps.requeue();
        this.sweep = new DriftSweep(new InSyncCheck(steps.types(), steps.accounts(), steps.ownership()),
            steps.credentials(), steps.inventory(), requeue, steps.leadership(), policy.resyncPeriod(), steps.registry());
        this.secretChanges = new SecretChanges(steps.kubernetes(), steps.credentials(), requeue, steps.leadership(),
            policy.recheckPeriod());
        this.sync = new TriggerSync(steps.credentials(), steps.types(), steps.accounts(),
            new ProjectSwitch(steps.vault(), steps.remote()), new EarlierIntent(steps.vault(), steps.ownership(),
            steps.remote(), marker), steps.ownership(), steps.remote(), marker, steps.budget(), failures);
        this.deletion = new TriggerDeletion(steps.credentials(), steps.vault(), steps.ownership(), steps.remote(),
            steps.kubernetes(), steps.report(), policy.defaultDeletionPolicy(), steps.budget(), failures);
        this.report = steps.report();
        this.kubernetes = steps.kubernetes();
        this.ownership = steps.ownership();
        this.gauge = steps.gauge();
        this.recheckPeriod = policy.recheckPeriod();
    }

    /** The drift sweep: started with the operator, stopped with it. */
    public DriftSweep sweep() {
        return sweep;
    }

    /** The credentials Secrets' change check: started with the operator, stopped with it. */
    public SecretChanges secretChanges() {
        return secretChanges;
    }

    @Override
    public List<EventSource<?, Trigger>> prepareEventSources(EventSourceContext<Trigger> context) {
        ownership.attach(context.getPrimaryCache());
        gauge.attach(() -> context.getPrimaryCache().list());
        sweep.attach(() -> context.getPrimaryCache().list());
        secretChanges.attach(() -> context.getPrimaryCache().list());
        return List.of(requeue);
    }

    @Override
    public UpdateControl<Trigger> reconcile(Trigger trigger, Context<Trigger> context) {
        if (context.isPrimaryResourceDeleted()) {
            return UpdateControl.noUpdate();
        }
        if (!publishingWrites) {
            // What this operator writes is what its next reconcile reads, even before the informer catches up.
            var cache = context.eventSourceRetriever().getControllerEventSource();
            kubernetes.onWritten((updated, previous) ->
                cache.handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, previous));
            publishingWrites = true;
        }
        try {
            if (trigger.isMarkedForDeletion()) {
                return cleanup(trigger);
            }
            Outcome outcome = sync.run(trigger);
            if (outcome.deferred()) {
                return UpdateControl.<Trigger>noUpdate().rescheduleAfter(outcome.retryAfter().orElse(recheckPeriod));
            }
            report.report(trigger, outcome);
            // A Synced Trigger is looked at again by the drift sweep, with all others of its project.
            return outcome.reason().outlook() == ReadyReason.Outlook.DONE ? UpdateControl.noUpdate()
                : UpdateControl.<Trigger>noUpdate().rescheduleAfter(outcome.retryAfter().orElse(recheckPeriod));
        } catch (StaleResourceException e) {
            LOG.debug("{}/{}: {}", trigger.getMetadata().getNamespace(), trigger.getMetadata().getName(), e.getMessage());
            return UpdateControl.<Trigger>noUpdate().rescheduleAfter(STALE_RETRY);
        } catch (LostLeadershipException e) {
            LOG.debug("{}/{}: {}", trigger.getMetadata().getNamespace(), trigger.getMetadata().getName(), e.getMessage());
            return UpdateControl.noUpdate();
        }
    }

    private UpdateControl<Trigger> cleanup(Trigger trigger) {
        if (!trigger.hasFinalizer(TriggerAnnotations.FINALIZER)) {
            return UpdateControl.noUpdate();
        }
        Optional<Outcome> blocked = deletion.run(trigger);
        if (blocked.isEmpty()) {
            marker.release(trigger);
            return UpdateControl.noUpdate();
        }
        if (!blocked.get().deferred()) {
            report.report(trigger, blocked.get());
        }
        return UpdateControl.<Trigger>noUpdate().rescheduleAfter(blocked.get().retryAfter().orElse(recheckPeriod));
    }
}
