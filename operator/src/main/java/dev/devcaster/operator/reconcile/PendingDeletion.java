package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.trigger.Trigger;

import java.util.List;

/** The journal in {@code status.pendingDeletion}: replaced remote triggers still to delete. */
final class PendingDeletion {

    private PendingDeletion() {
    }

    static List<String> of(Trigger trigger) {
        return trigger.getStatus() == null || trigger.getStatus().getPendingDeletion() == null
            ? List.of() : trigger.getStatus().getPendingDeletion();
    }
}
