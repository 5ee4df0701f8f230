package dev.devcaster.operator.kubernetes;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this replica may write, remotely and to the cluster. With leader election, the moment
 * it sees another replica holding the Lease it stops writing, even in reconciles already under way,
 * so two replicas never write at once (beyond the Lease's own renew period).
 */
public final class Leadership {

    private final AtomicBoolean writing;

    private Leadership(boolean writing) {
        this.writing = new AtomicBoolean(writing);
    }

    /** Without leader election this replica always writes. */
    public static Leadership always() {
        return new Leadership(true);
    }

    /** With leader election: no writes until the Lease is won. */
    public static Leadership elected() {
        return new Leadership(false);
    }

    public void started() {
        writing.set(true);
    }

    public void lost() {
        writing.set(false);
    }

    public boolean mayWrite() {
        return writing.get();
    }

    /** @throws LostLeadershipException when another replica leads now */
    public void requireLeading() {
        if (!writing.get()) {
            throw new LostLeadershipException();
        }
    }
}
