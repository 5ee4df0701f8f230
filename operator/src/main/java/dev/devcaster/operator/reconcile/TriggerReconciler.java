package dev.devcaster.operator.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.config.OperatorConfig;
import dev.devcaster.operator.devcaster.ConnectedAccount;
import dev.devcaster.operator.devcaster.DevcasterClient;
import dev.devcaster.operator.devcaster.DevcasterCredentials;
import dev.devcaster.operator.devcaster.DevcasterException;
import dev.devcaster.operator.devcaster.InvalidConfigException;
import dev.devcaster.operator.devcaster.NotFoundException;
import dev.devcaster.operator.devcaster.RateLimitedException;
import dev.devcaster.operator.devcaster.RejectedException;
import dev.devcaster.operator.devcaster.TriggerInstance;
import dev.devcaster.operator.devcaster.TriggerType;
import dev.devcaster.operator.devcaster.UnauthorizedException;
import dev.devcaster.operator.schema.TriggerConfigValidator;
import dev.devcaster.operator.trigger.DeletionPolicy;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerState;
import dev.devcaster.operator.trigger.TriggerStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * One reconcile of a Trigger, in the order of the design: paused? credentials, trigger type,
 * config validation, connected account, find/adopt, create or update, record, reschedule. Every
 * outcome ends in the Ready condition; nothing is written remotely before the config is valid.
 */
@ControllerConfiguration(name = TriggerReconciler.NAME, generationAwareEventProcessing = false)
public class TriggerReconciler implements Reconciler<Trigger>, Cleaner<Trigger> {

    public static final String NAME = "trigger";

    private static final Logger LOG = LoggerFactory.getLogger(TriggerReconciler.class);
    private static final String SECRET_INDEX = "credentials-secret";

    private final OperatorConfig config;
    private final TriggerConfigValidator validator = new TriggerConfigValidator();
    private final TriggerTypeCache types;
    private final AccountResolver accounts;
    private final RemoteInventory inventory;
    private final RemoteTriggerSync sync;
    private final JitteredRetry rateLimitBackoff;
    private final TriggerReasons reasons;
    /** Last key that worked per Trigger: a namespace deletion may remove the Secret before the finalizer runs. */
    private final Map<String, DevcasterCredentials> lastCredentials = new ConcurrentHashMap<>();
    private volatile InformerEventSource<Secret, Trigger> secrets;
    private volatile IndexerResourceCache<Trigger> triggerCache;

    public TriggerReconciler(OperatorConfig config, DevcasterClient devcaster, TriggerReasons reasons,
                             RemoteTriggerSync.AfterUpsert afterUpsert) {
        this.config = config;
        this.reasons = reasons;
        this.types = new TriggerTypeCache(devcaster.triggerTypes(), config.typeCacheTtl());
        this.accounts = new AccountResolver(devcaster.connectedAccounts(),
            min(config.recheckPeriod().dividedBy(2), Duration.ofSeconds(30)));
        this.inventory = new RemoteInventory(devcaster.triggerInstances(), devcaster.connectedAccounts(),
            config.resyncPeriod().dividedBy(2));
        this.sync = new RemoteTriggerSync(devcaster.triggerInstances(), afterUpsert);
        this.rateLimitBackoff = new JitteredRetry(config.recheckPeriod(), config.recheckPeriod().multipliedBy(8));
    }

    @Override
    public List<EventSource<?, Trigger>> prepareEventSources(EventSourceContext<Trigger> context) {
        triggerCache = context.getPrimaryCache();
        triggerCache.addIndexer(SECRET_INDEX, t -> t.getSpec() == null || t.getSpec().getCredentialsSecretRef() == null
            ? List.of() : List.of(secretKey(t.getMetadata().getNamespace(), t.getSpec().getCredentialsSecretRef().getName())));
        // A rotated or newly created Secret re-reconciles exactly the Triggers that reference it.
        var configuration = InformerEventSourceConfiguration.from(Secret.class, Trigger.class)
            .withName("credentials-secrets")
            .withSecondaryToPrimaryMapper(secret -> triggerCache
                .byIndex(SECRET_INDEX, secretKey(secret.getMetadata().getNamespace(), secret.getMetadata().getName()))
                .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
            .build();
        secrets = new InformerEventSource<>(configuration, context);
        return List.of(secrets);
    }

    @Override
    public UpdateControl<Trigger> reconcile(Trigger cached, Context<Trigger> context) {
        if (!TriggerAnnotations.paused(cached) && inSyncFastPath(cached)) {
            LOG.debug("{}/{} reason=Synced triggerId={}: in sync, nothing to do", cached.getMetadata().getNamespace(),
                cached.getMetadata().getName(), cached.getStatus().getTriggerId());
            return UpdateControl.<Trigger>noUpdate().rescheduleAfter(jittered(config.resyncPeriod()));
        }
        // Before anything is written remotely, the live resource: the informer cache may not yet
        // hold the id and status this operator wrote a moment ago, and acting on those would
        // create a second instance or forget one.
        Optional<Trigger> live = current(cached, context.getClient());
        if (live.isEmpty()) {
            return UpdateControl.noUpdate();
        }
        Trigger trigger = live.get();
        var report = new TriggerReport(trigger, context.getClient(), reasons);
        if (TriggerAnnotations.paused(trigger)) {
            report.outcome(carryOver(trigger), ReadyReason.Paused,
                "annotation " + TriggerAnnotations.PAUSED + " is \"true\": no remote calls until it is removed");
            return UpdateControl.noUpdate();
        }
        try {
            DevcasterCredentials credentials = credentials().resolve(trigger);
            TriggerType type = triggerType(credentials, trigger);
            String toolkit = type.toolkit().slug();
            ObjectNode triggerConfig = trigger.getSpec().configOrEmpty();
            List<String> invalid = validator.validate(type.config(), triggerConfig);
            if (!invalid.isEmpty()) {
                throw new TriggerProblem(ReadyReason.InvalidConfig, "config does not match the schema of " + type.slug()
                    + " at toolkit version " + type.version() + ": " + String.join("; ", invalid));
            }
            ObjectNode desiredConfig = validator.withDefaults(type.config(), triggerConfig);
            lastCredentials.put(trigger.getMetadata().getUid(), credentials);
            AccountResolver.Resolution account = accounts.resolve(credentials, trigger, toolkit);
            DesiredState desired = new DesiredState(type.slug(), toolkit, type.version(), account.account().id(),
                desiredConfig, trigger.getSpec().enabled());
            TriggerStatus previous = carryOver(trigger);
            boolean previouslyApplied = desired.hash().equals(previous.getDesiredHash());
            deletePending(credentials, trigger);

            RemoteTriggerSync.Outcome outcome = sync.sync(credentials, trigger, desired, previouslyApplied, ownership(),
                c -> validator.withDefaults(type.config(), c), (newId, replaced) -> report.journal(newId, replaced));
            account.movedFrom().ifPresent(from -> report.warning("ConnectedAccountChanged", "connected account " + from
                + " is no longer usable; the trigger moves to " + account.account().id()));
            outcome.corrections().forEach(c -> report.warning(c.reason(), c.message()));

            TriggerStatus next = carryOver(trigger);
            next.setTriggerId(outcome.triggerId());
            next.setConnectedAccountId(desired.connectedAccountId());
            next.setToolkit(toolkit);
            next.setToolkitVersion(desired.toolkitVersion());
            next.setState(outcome.enabled() ? TriggerState.Enabled : TriggerState.Disabled);
            next.setDesiredHash(desired.hash());
            next.setPendingDeletion(null);
            if (outcome.wrote() || !previouslyApplied || next.getLastSyncedTime() == null) {
                next.setLastSyncedTime(Instant.now().toString());
            }
            report.recordTriggerId(outcome.triggerId());
            report.outcome(next, ReadyReason.Synced, "remote trigger " + outcome.triggerId() + " is "
                + next.getState() + " on connected account " + desired.connectedAccountId());
            return UpdateControl.<Trigger>noUpdate().rescheduleAfter(jittered(config.resyncPeriod()));
        } catch (TriggerProblem problem) {
            report.outcome(carryOver(trigger), problem.reason(), problem.getMessage());
            return UpdateControl.<Trigger>noUpdate().rescheduleAfter(problem.retryAfter().orElse(config.recheckPeriod()));
        } catch (RateLimitedException e) {
            // The message names only what the server said, so repeated attempts do not rewrite status.
            String when = e.retryAfter().map(d -> "retrying in " + d.toSeconds() + "s as Devcaster asked")
                .orElse("retrying after a backoff (no Retry-After)");
            report.outcome(carryOver(trigger), ReadyReason.RateLimited, "Devcaster rate limit reached; " + when
                + " (" + e.getMessage() + ")");
            return UpdateControl.<Trigger>noUpdate().rescheduleAfter(
                e.retryAfter().orElseGet(() -> rateLimitBackoff.delay(1)));
        } catch (InvalidConfigException e) {
            report.outcome(carryOver(trigger), ReadyReason.InvalidConfig, "Devcaster rejected the config: " + e.getMessage());
            return UpdateControl.<Trigger>noUpdate().rescheduleAfter(config.recheckPeriod());
        } catch (NotFoundException e) {
            report.outcome(carryOver(trigger), ReadyReason.UnknownTriggerType, e.getMessage());
            return UpdateControl.<Trigger>noUpdate().rescheduleAfter(config.recheckPeriod());
        } catch (UnauthorizedException e) {
            report.outcome(carryOver(trigger), ReadyReason.CredentialsRejected,
                "Devcaster rejected the API key; check the Secret or DEVCASTER_API_KEY (" + e.getMessage() + ")");
            return UpdateControl.<Trigger>noUpdate().rescheduleAfter(config.recheckPeriod());
        } catch (RejectedException e) {
            report.outcome(carryOver(trigger), ReadyReason.RemoteRejected, "Devcaster rejected the request: " + e.getMessage());
            return UpdateControl.<Trigger>noUpdate().rescheduleAfter(config.recheckPeriod());
        }
    }

    /** Transient failures (5xx, timeouts, connection errors) land here and are retried with jittered backoff. */
    @Override
    public ErrorStatusUpdateControl<Trigger> updateErrorStatus(Trigger trigger, Context<Trigger> context, Exception e) {
        new TriggerReport(trigger, context.getClient(), reasons).outcome(carryOver(trigger), ReadyReason.RemoteError,
            "retrying after a transient error: " + describe(e));
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    @Override
    public DeleteControl cleanup(Trigger cached, Context<Trigger> context) {
        // The live resource, so an id written a moment ago is not missed (and its instance not leaked).
        Trigger trigger = context.getClient().resources(Trigger.class).inNamespace(cached.getMetadata().getNamespace())
            .withName(cached.getMetadata().getName()).get();
        if (trigger == null || !Objects.equals(trigger.getMetadata().getUid(), cached.getMetadata().getUid())) {
            return DeleteControl.defaultDelete();
        }
        var report = new TriggerReport(trigger, context.getClient(), reasons);
        if (TriggerAnnotations.paused(trigger)) {
            report.outcome(carryOver(trigger), ReadyReason.Deleting, "paused: the remote trigger is kept until annotation "
                + TriggerAnnotations.PAUSED + " is removed (or set deletionPolicy: Orphan)");
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.recheckPeriod());
        }
        List<String> toDelete = new ArrayList<>(pending(trigger));
        DeletionPolicy policy = deletionPolicy(trigger, context.getClient());
        Optional<String> recorded = TriggerAnnotations.recordedTriggerId(trigger)
            .filter(id -> ownership().olderClaimant(trigger, id).isEmpty());
        if (policy == DeletionPolicy.Delete) {
            recorded.ifPresent(toDelete::add);
        }
        if (toDelete.isEmpty()) {
            LOG.info("{}/{} deleted; remote trigger {} {}", trigger.getMetadata().getNamespace(),
                trigger.getMetadata().getName(), recorded.orElse("(none)"), recorded.isPresent() ? "orphaned" : "");
            report.deleted();
            lastCredentials.remove(trigger.getMetadata().getUid());
            return DeleteControl.defaultDelete();
        }
        try {
            DevcasterCredentials credentials = deletionCredentials(trigger);
            toDelete.forEach(id -> sync.deleteIfPresent(credentials, id));
            LOG.info("{}/{} deleted with remote trigger(s) {}", trigger.getMetadata().getNamespace(),
                trigger.getMetadata().getName(), toDelete);
            report.deleted();
            lastCredentials.remove(trigger.getMetadata().getUid());
            return DeleteControl.defaultDelete();
        } catch (TriggerProblem problem) {
            // Reported with its own reason: missing credentials need a person (Stalled), not patience.
            report.outcome(carryOver(trigger), problem.reason(), "cannot delete remote trigger(s) " + toDelete
                + " yet: " + problem.getMessage() + " (or set deletionPolicy: Orphan)");
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.recheckPeriod());
        } catch (DevcasterException e) {
            report.outcome(carryOver(trigger), ReadyReason.Deleting, "waiting to delete remote trigger(s) " + toDelete
                + ": " + e.getMessage());
            throw e;
        }
    }

    /**
     * The resync fast path: the spec is what was last applied, the Trigger was Synced, and the
     * project snapshot shows its instance and account as desired. Then there is nothing to do:
     * no remote call of its own and no status write. Anything unexpected means "not sure": the
     * full path runs and reports it.
     */
    private boolean inSyncFastPath(Trigger trigger) {
        if (!lastSynced(trigger)) {
            return false;
        }
        try {
            DevcasterCredentials credentials = credentials().resolve(trigger);
            TriggerType type = triggerType(credentials, trigger);
            ObjectNode triggerConfig = trigger.getSpec().configOrEmpty();
            return validator.validate(type.config(), triggerConfig).isEmpty() && unchangedSinceLastSync(credentials,
                trigger, type, validator.withDefaults(type.config(), triggerConfig));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean unchangedSinceLastSync(DevcasterCredentials credentials, Trigger trigger, TriggerType type,
                                           ObjectNode desiredConfig) {
        TriggerStatus status = trigger.getStatus();
        DesiredState desired = new DesiredState(type.slug(), type.toolkit().slug(), type.version(),
            status.getConnectedAccountId(), desiredConfig, trigger.getSpec().enabled());
        if (!desired.hash().equals(status.getDesiredHash())) {
            return false;
        }
        RemoteInventory.Snapshot snapshot = inventory.snapshot(credentials);
        TriggerInstance instance = snapshot.instances().get(status.getTriggerId());
        ConnectedAccount account = snapshot.accounts().get(status.getConnectedAccountId());
        return instance != null && account != null && desired.matches(instance) && instance.enabled() == desired.enabled()
            && accounts.stillUsable(trigger, account, type.toolkit().slug())
            && ownership().olderClaimant(trigger, status.getTriggerId()).isEmpty();
    }

    /** Synced for this generation, with nothing left to clean up: only then may the fast path apply. */
    private static boolean lastSynced(Trigger trigger) {
        TriggerStatus status = trigger.getStatus();
        return status != null && status.getTriggerId() != null && status.getConnectedAccountId() != null
            && status.getDesiredHash() != null && Objects.equals(status.getObservedGeneration(), trigger.getMetadata().getGeneration())
            && (status.getPendingDeletion() == null || status.getPendingDeletion().isEmpty())
            && TriggerConditions.readyReasonIs(status, ReadyReason.Synced);
    }

    /** The resource as the API server has it now, if it is still the same generation of the same object. */
    private static Optional<Trigger> current(Trigger cached, KubernetesClient client) {
        Trigger live = client.resources(Trigger.class).inNamespace(cached.getMetadata().getNamespace())
            .withName(cached.getMetadata().getName()).get();
        if (live == null || !Objects.equals(live.getMetadata().getUid(), cached.getMetadata().getUid())
            || !Objects.equals(live.getMetadata().getGeneration(), cached.getMetadata().getGeneration())) {
            return Optional.empty(); // gone, or a newer generation whose own event follows
        }
        return Optional.of(live);
    }

    private CredentialsResolver credentials() {
        return new CredentialsResolver(config.baseUrl(), config.defaultApiKey(),
            id -> secrets == null ? Optional.empty() : secrets.get(id));
    }

    private DevcasterCredentials deletionCredentials(Trigger trigger) {
        try {
            return credentials().resolve(trigger);
        } catch (TriggerProblem missing) {
            DevcasterCredentials remembered = lastCredentials.get(trigger.getMetadata().getUid());
            if (remembered == null) {
                throw missing;
            }
            return remembered;
        }
    }

    private TriggerOwnership ownership() {
        return new TriggerOwnership(() -> triggerCache.list());
    }

    private TriggerType triggerType(DevcasterCredentials credentials, Trigger trigger) {
        String slug = trigger.getSpec().getSlug();
        String requested = trigger.getSpec().getToolkitVersion();
        if (requested != null) {
            return types.get(credentials, slug, requested);
        }
        TriggerType latest = types.get(credentials, slug, "latest");
        String preferred = config.toolkitVersionFor(latest.toolkit().slug());
        return "latest".equals(preferred) ? latest : types.get(credentials, slug, preferred);
    }

    private void deletePending(DevcasterCredentials credentials, Trigger trigger) {
        pending(trigger).forEach(id -> sync.deleteIfPresent(credentials, id));
    }

    private DeletionPolicy deletionPolicy(Trigger trigger, KubernetesClient client) {
        if (trigger.getSpec().getDeletionPolicy() != null) {
            return trigger.getSpec().getDeletionPolicy();
        }
        try {
            Namespace namespace = client.namespaces().withName(trigger.getMetadata().getNamespace()).get();
            String annotated = namespace == null || namespace.getMetadata().getAnnotations() == null ? null
                : namespace.getMetadata().getAnnotations().get(TriggerAnnotations.DELETION_POLICY);
            return Arrays.stream(DeletionPolicy.values()).filter(p -> p.name().equalsIgnoreCase(annotated)).findFirst()
                .orElse(config.defaultDeletionPolicy());
        } catch (KubernetesClientException e) {
            // Never fall back to a destructive default: the finalizer retries the read.
            throw new TriggerProblem(ReadyReason.Deleting, "cannot read namespace "
                + trigger.getMetadata().getNamespace() + " for its deletion policy: " + e.getMessage());
        }
    }

    private static List<String> pending(Trigger trigger) {
        return trigger.getStatus() == null || trigger.getStatus().getPendingDeletion() == null
            ? List.of() : trigger.getStatus().getPendingDeletion();
    }

    /** A copy of the current status, so comparing old and new tells whether to write. */
    private static TriggerStatus carryOver(Trigger trigger) {
        TriggerStatus copy = TriggerReport.statusCopy(trigger);
        copy.setObservedGeneration(trigger.getMetadata().getGeneration());
        return copy;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration jittered(Duration period) {
        long millis = period.toMillis();
        return Duration.ofMillis(millis - millis / 10 + ThreadLocalRandom.current().nextLong(millis / 5 + 1));
    }

    /** Only messages this code base shapes go to status and Events; anything else is named, not quoted. */
    private static String describe(Exception e) {
        if (e instanceof DevcasterException || e instanceof KubernetesClientException) {
            return e.getMessage();
        }
        return "unexpected " + e.getClass().getSimpleName() + " (see the operator log)";
    }

    private static String secretKey(String namespace, String name) {
        return namespace + "/" + name;
    }
}
