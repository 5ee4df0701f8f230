package dev.devcaster.operator.ownership;

import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.kubernetes.Requeue;
import dev.devcaster.operator.remote.OwnershipGuard;
import dev.devcaster.operator.remote.RemoteIdentity;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerConditions;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.operator.trigger.TriggerStatus;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which Trigger a remote trigger belongs to. An instance a Trigger records is its own: no other
 * Trigger adopts, writes or deletes it. Triggers that declare the same remote trigger (same project,
 * slug, account and config) are twins: the one that recorded it keeps it, else the oldest
 * (creationTimestamp, then namespace/name); the others report Conflict and touch nothing. If two
 * ever record the same instance (applied in the same instant), the older keeps it and the other is
 * looked at again at once. Every check is an index lookup in the informer cache, never a scan.
 */
public final class TriggerOwnership {

    private static final String RECORDED = "recorded-trigger-id";
    private static final String IDENTITY = "remote-identity-account";
    /** Many Triggers of one account and slug differ only in config: their twins are found among equals. */
    private static final String EXACT_IDENTITY = "remote-identity";
    private static final Comparator<Trigger> AGE = Comparator
        .comparing((Trigger t) -> t.getMetadata().getCreationTimestamp(), Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(t -> t.getMetadata().getNamespace() + "/" + t.getMetadata().getName());

    private final Set<String> inPlaceProjects = ConcurrentHashMap.newKeySet();
    private final Requeue requeue;
    private volatile IndexerResourceCache<Trigger> cache;

    public TriggerOwnership(Requeue requeue) {
        this.requeue = requeue;
    }

    /** Indexes the informer cache; call before the controller starts. */
    public void attach(IndexerResourceCache<Trigger> triggers) {
        triggers.addIndexer(RECORDED, t -> t.recordedTriggerId().map(List::of).orElse(List.of()));
        triggers.addIndexer(IDENTITY, t -> claimed(t).map(i -> List.of(i.account())).orElse(List.of()));
        triggers.addIndexer(EXACT_IDENTITY, t -> claimed(t).map(i -> List.of(i.exact())).orElse(List.of()));
        this.cache = triggers;
    }

    /**
     * Called for every Trigger update the informer sees: when a Trigger starts recording an id that
     * another Trigger records too, both look again, so twins applied together settle within seconds.
     */
    public void recorded(Trigger updated) {
        updated.recordedTriggerId().ifPresent(id -> {
            List<Trigger> recorders = recordersOf(id);
            if (recorders.size() > 1) {
                recorders.forEach(requeue::now);
            }
        });
    }

    /** The other Trigger that keeps this remote id, if one does. */
    public Optional<Trigger> keeperOtherThan(Trigger trigger, String triggerId) {
        boolean recordsIt = trigger.recordedTriggerId().map(triggerId::equals).orElse(false);
        return recordersOf(triggerId).stream()
            .filter(other -> !sameObject(other, trigger))
            .filter(other -> !recordsIt || AGE.compare(other, trigger) < 0)
            .min(AGE);
    }

    public OwnershipGuard guard() {
        return new OwnershipGuard() {
            @Override
            public void requireOwner(Trigger trigger, String triggerId) {
                keeperOtherThan(trigger, triggerId).ifPresent(owner -> {
                    throw conflict(trigger, owner, "remote trigger " + triggerId, true);
                });
            }

            @Override
            public void requireNoTwin(Trigger trigger, RemoteIdentity identity, DevcasterCredentials key) {
                twinBefore(trigger, identity, key).ifPresent(owner -> {
                    throw conflict(trigger, owner, "the same " + identity.slug() + " trigger on connected account "
                        + identity.connectedAccountId(), false);
                });
            }

            @Override
            public void requireOwnerAfterUpsert(Trigger trigger, String triggerId, RemoteIdentity identity,
                                                DevcasterCredentials key) {
                Optional<Trigger> owner = recordersOf(triggerId).stream().filter(o -> !sameObject(o, trigger))
                    .min(AGE);
                owner.ifPresent(o -> {
                    if (signed(o, key).map(i -> !i.configHash().equals(identity.configHash())).orElse(false)) {
                        learnedInPlaceUpdates(identity.project());
                    }
                    // The upsert may have rewritten the owner's instance: it must look now, not at its next resync.
                    requeue.now(o);
                    throw conflict(trigger, o, "remote trigger " + triggerId, false);
                });
            }

            @Override
            public void learnedInPlaceUpdates(String project) {
                inPlaceProjects.add(project);
            }
        };
    }

    /** A Trigger that declared this remote trigger before {@code trigger} did, in a declaration the key signed. */
    private Optional<Trigger> twinBefore(Trigger trigger, RemoteIdentity identity, DevcasterCredentials key) {
        if (cache == null) {
            return Optional.empty();
        }
        boolean inPlace = inPlaceProjects.contains(identity.project());
        boolean holds = holds(trigger, identity, inPlace);
        List<Trigger> candidates = inPlace ? cache.byIndex(IDENTITY, identity.account())
            : cache.byIndex(EXACT_IDENTITY, identity.exact());
        // The signature (an HMAC) is checked last, on the few that would come first.
        return candidates.stream()
            .filter(other -> !sameObject(other, trigger))
            .filter(other -> {
                boolean otherHolds = holds(other, identity, inPlace);
                return otherHolds && !holds || otherHolds == holds && AGE.compare(other, trigger) < 0;
            })
            .filter(other -> signed(other, key).map(i -> inPlace || i.configHash().equals(identity.configHash()))
                .orElse(false))
            .min(AGE);
    }

    /** Whether the Trigger has its instance of this identity recorded and in sync. */
    private static boolean holds(Trigger trigger, RemoteIdentity identity, boolean inPlace) {
        TriggerStatus status = trigger.getStatus();
        return status != null && status.getTriggerId() != null && identity.project().equals(status.getProject())
            && identity.connectedAccountId().equals(status.getConnectedAccountId())
            && claimed(trigger).map(i -> inPlace || i.configHash().equals(identity.configHash())).orElse(false)
            && TriggerConditions.readyReasonIs(status, ReadyReason.Synced);
    }

    private List<Trigger> recordersOf(String triggerId) {
        return cache == null ? List.of() : cache.byIndex(RECORDED, triggerId);
    }

    /** What the annotation claims: only to index candidates, which are checked with {@link #signed} before use. */
    private static Optional<RemoteIdentity> claimed(Trigger trigger) {
        return TriggerAnnotations.remoteIdentity(trigger).flatMap(RemoteIdentity::claimed);
    }

    private static Optional<RemoteIdentity> signed(Trigger trigger, DevcasterCredentials key) {
        return TriggerAnnotations.remoteIdentity(trigger)
            .flatMap(value -> RemoteIdentity.signed(value, key, trigger.getMetadata().getUid()));
    }

    private static boolean sameObject(Trigger a, Trigger b) {
        return Objects.equals(a.getMetadata().getUid(), b.getMetadata().getUid());
    }

    /** Names the owner only within the same namespace: another tenant's names are not this tenant's business. */
    private static TriggerProblem conflict(Trigger trigger, Trigger owner, String what, boolean releaseRecorded) {
        String by = Objects.equals(owner.getMetadata().getNamespace(), trigger.getMetadata().getNamespace())
            ? "Trigger " + owner.getMetadata().getNamespace() + "/" + owner.getMetadata().getName()
            : "a Trigger in another namespace";
        return TriggerProblem.conflict(what + " is managed by " + by
            + "; delete this Trigger or change its slug, account or config", releaseRecorded);
    }
}
