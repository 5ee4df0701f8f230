package dev.devcaster.operator.kubernetes;

/**
 * A write was based on an older view of the Trigger than the API server has (HTTP 409 on the
 * resourceVersion precondition). Nothing was written; the reconcile runs again on the newer view,
 * so a status never goes backwards.
 */
public final class StaleResourceException extends RuntimeException {

    public StaleResourceException(String what) {
        super(what + " changed since it was read; looking again", null, false, false);
    }
}
