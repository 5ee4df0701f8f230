package dev.devcaster.operator.ownership;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.remote.DesiredState;
import dev.devcaster.operator.remote.OwnershipGuard;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerConditions;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Two Triggers that map to one remote instance: the oldest (creationTimestamp, then
 * namespace/name) owns it; the others report Conflict and never touch it, not even on deletion.
 */
public final class TriggerOwnership {

    private static final Comparator<Trigger> AGE = Comparator
        .comparing((Trigger t) -> t.getMetadata().getCreationTimestamp(), Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(t -> t.getMetadata().getNamespace() + "/" + t.getMetadata().getName());

    private volatile Supplier<Stream<Trigger>> triggers = Stream::empty;

    /** The Triggers to compare with: the informer cache, once the controller has one. */
    public void attach(Supplier<Stream<Trigger>> cachedTriggers) {
        this.triggers = cachedTriggers;
    }

    /** The older Trigger that manages this remote id, if it is not {@code trigger}. */
    public Optional<Trigger> olderClaimant(Trigger trigger, String triggerId) {
        return others(trigger)
            .filter(other -> TriggerAnnotations.recordedTriggerId(other).map(triggerId::equals).orElse(false))
            .filter(other -> AGE.compare(other, trigger) < 0)
            .min(AGE);
    }

    /**
     * The checks the remote sync asks for this reconcile.
     *
     * @param canonicalConfig a config as Devcaster would store it (type defaults applied), to compare Triggers
     */
    public OwnershipGuard guard(UnaryOperator<ObjectNode> canonicalConfig) {
        return new OwnershipGuard() {
            @Override
            public void requireOwner(Trigger trigger, String triggerId) {
                olderClaimant(trigger, triggerId).ifPresent(other -> {
                    throw conflict(other, "remote trigger " + triggerId);
                });
            }

            @Override
            public void requireNoTwin(Trigger trigger, DesiredState desired) {
                requireNoOlderTwin(trigger, desired, canonicalConfig);
            }
        };
    }

    /**
     * Throws Conflict, before this Trigger writes anything that could touch another's instance, when
     * an older Trigger declares the same remote instance: same slug, account and config (defaults
     * applied). Once in Conflict, the same slug and account alone keep it there: under a server that
     * matches on slug and account only, another upsert would rewrite the owner's trigger again.
     */
    private void requireNoOlderTwin(Trigger trigger, DesiredState desired, UnaryOperator<ObjectNode> canonicalConfig) {
        boolean inConflict = TriggerConditions.readyReasonIs(trigger.getStatus(), ReadyReason.Conflict);
        others(trigger)
            .filter(other -> AGE.compare(other, trigger) < 0)
            .filter(other -> desired.slug().equalsIgnoreCase(other.getSpec().getSlug()))
            .filter(other -> other.getStatus() != null
                && desired.connectedAccountId().equals(other.getStatus().getConnectedAccountId()))
            .filter(other -> inConflict || desired.sameConfig(canonicalConfig.apply(other.getSpec().configOrEmpty())))
            .min(AGE)
            .ifPresent(other -> {
                throw conflict(other, "the same " + desired.slug() + " trigger on account " + desired.connectedAccountId());
            });
    }

    /** Deleting Triggers still count: an owner being deleted with Orphan keeps its instance. */
    private Stream<Trigger> others(Trigger trigger) {
        String uid = trigger.getMetadata().getUid();
        return triggers.get().filter(other -> !Objects.equals(other.getMetadata().getUid(), uid));
    }

    private static TriggerProblem conflict(Trigger owner, String what) {
        return new TriggerProblem(ReadyReason.Conflict, what + " is managed by " + owner.getMetadata().getNamespace() + "/"
            + owner.getMetadata().getName() + "; delete this Trigger or change its slug, account or config");
    }
}
