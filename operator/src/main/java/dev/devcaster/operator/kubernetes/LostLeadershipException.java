package dev.devcaster.operator.kubernetes;

/** This replica no longer holds the leader Lease: the reconcile stops without writing anything more. */
public final class LostLeadershipException extends RuntimeException {

    public LostLeadershipException() {
        super("this replica no longer holds the leader Lease", null, false, false);
    }
}
