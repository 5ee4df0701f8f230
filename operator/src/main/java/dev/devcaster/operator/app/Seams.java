package dev.devcaster.operator.app;

import dev.devcaster.operator.remote.RemoteTriggerSync;
import org.slf4j.LoggerFactory;

/**
 * The two places where tests and the sandbox change what the operator does, and nothing else.
 *
 * @param afterUpsert      called right after an upsert returned, before anything is recorded (crash tests)
 * @param onLostLeadership what to do when another replica took the Lease while this one still runs
 */
public record Seams(RemoteTriggerSync.AfterUpsert afterUpsert, Runnable onLostLeadership) {

    /** Production: losing the Lease exits the process, so two leaders never reconcile at once. */
    public static Seams production() {
        return new Seams(RemoteTriggerSync.AfterUpsert.NONE, Seams::exitAfterLostLeadership);
    }

    public Seams withAfterUpsert(RemoteTriggerSync.AfterUpsert hook) {
        return new Seams(hook, onLostLeadership);
    }

    public Seams withOnLostLeadership(Runnable action) {
        return new Seams(afterUpsert, action);
    }

    private static void exitAfterLostLeadership() {
        LoggerFactory.getLogger(Seams.class)
            .error("lost the leader lease to another replica; exiting so that only the new leader reconciles");
        // Not on the elector's thread: the shutdown hook waits for that executor.
        new Thread(() -> System.exit(1), "exit-after-lost-leadership").start();
    }
}
