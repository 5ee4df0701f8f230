package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.credentials.CredentialSecrets;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.ownership.TriggerOwnership;
import dev.devcaster.operator.status.Outcome;
import dev.devcaster.operator.status.TriggerReport;
import dev.devcaster.operator.trigger.Trigger;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Java Operator SDK adapter, and nothing else: confirm an in-sync Trigger cheaply, or run the
 * sync on the live resource and report its outcome; on deletion, run the cleanup. What a reconcile
 * does is in {@link TriggerSync} and {@link TriggerDeletion}; the design note is package-info.
 */
@ControllerConfiguration(name = TriggerReconciler.NAME, generationAwareEventProcessing = false)
public class TriggerReconciler implements Reconciler<Trigger>, Cleaner<Trigger> {

    public static final String NAME = "trigger";

    private static final Logger LOG = LoggerFactory.getLogger(TriggerReconciler.class);

    private final InSyncCheck inSync;
    private final TriggerSync sync;
    private final TriggerDeletion deletion;
    private final TriggerReport report;
    private final KubernetesGateway kubernetes;
    private final CredentialSecrets secrets;
    private final TriggerOwnership ownership;
    private final Duration resyncPeriod;
    private final Duration recheckPeriod;

    public TriggerReconciler(TriggerSteps steps, ReconcilePolicy policy) {
        Failures failures = new Failures(policy.transientBackoff(), policy.recheckPeriod());
        this.inSync = new InSyncCheck(steps.credentials(), steps.types(), steps.accounts(), steps.inventory(),
            steps.ownership());
        this.sync = new TriggerSync(steps.rememberedCredentials(), steps.types(), steps.accounts(), steps.ownership(),
            steps.remote(), steps.report(), failures);
        this.deletion = new TriggerDeletion(steps.rememberedCredentials(), steps.ownership(), steps.remote(),
            steps.kubernetes(), policy.defaultDeletionPolicy(), failures);
        this.report = steps.report();
        this.kubernetes = steps.kubernetes();
        this.secrets = steps.secrets();
        this.ownership = steps.ownership();
        this.resyncPeriod = policy.resyncPeriod();
        this.recheckPeriod = policy.recheckPeriod();
    }

    @Override
    public List<EventSource<?, Trigger>> prepareEventSources(EventSourceContext<Trigger> context) {
        ownership.attach(() -> context.getPrimaryCache().list());
        return List.of(secrets.eventSource(context));
    }

    @Override
    public UpdateControl<Trigger> reconcile(Trigger cached, Context<Trigger> context) {
        if (inSync.confirms(cached)) {
            LOG.debug("{}/{} reason=Synced triggerId={}: in sync, nothing to do", cached.getMetadata().getNamespace(),
                cached.getMetadata().getName(), cached.getStatus().getTriggerId());
            return UpdateControl.<Trigger>noUpdate().rescheduleAfter(Jitter.around(resyncPeriod));
        }
        // The live resource, not the cache: the cache may not yet hold an id this operator wrote a
        // moment ago, and acting on that would create a second instance or forget one.
        Optional<Trigger> live = kubernetes.live(cached)
            .filter(t -> Objects.equals(t.getMetadata().getGeneration(), cached.getMetadata().getGeneration()));
        if (live.isEmpty()) {
            return UpdateControl.noUpdate(); // gone, or a newer generation whose own event follows
        }
        Outcome outcome = sync.run(live.get());
        report.report(live.get(), outcome);
        return switch (outcome.reason()) {
            case Paused -> UpdateControl.noUpdate();
            case Synced -> UpdateControl.<Trigger>noUpdate().rescheduleAfter(Jitter.around(resyncPeriod));
            default -> UpdateControl.<Trigger>noUpdate().rescheduleAfter(outcome.retryAfter().orElse(recheckPeriod));
        };
    }

    @Override
    public DeleteControl cleanup(Trigger cached, Context<Trigger> context) {
        // The live resource, so an id written a moment ago is not missed (and its instance not leaked).
        Optional<Trigger> live = kubernetes.live(cached);
        if (live.isEmpty()) {
            return DeleteControl.defaultDelete();
        }
        Optional<Outcome> blocked = deletion.run(live.get());
        if (blocked.isEmpty()) {
            report.deleted(live.get());
            return DeleteControl.defaultDelete();
        }
        report.report(live.get(), blocked.get());
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(blocked.get().retryAfter().orElse(recheckPeriod));
    }
}
