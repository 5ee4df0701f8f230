package dev.devcaster.operator.remote;

import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;

/**
 * Asked before and after the remote sync touches an instance, so a Trigger never writes to,
 * adopts or deletes a remote trigger another Trigger records. The checks throw a
 * {@link TriggerProblem} with reason Conflict.
 */
public interface OwnershipGuard {

    /** Another Trigger records {@code triggerId} and keeps it (it recorded it first, or is older). */
    void requireOwner(Trigger trigger, String triggerId);

    /**
     * Another Trigger declared the same remote trigger first (same project, slug, account and config),
     * with a declaration signed by {@code key}, the key of that project.
     */
    void requireNoTwin(Trigger trigger, RemoteIdentity identity, DevcasterCredentials key);

    /**
     * After an upsert answered {@code triggerId}: when another Trigger records it, this one must not
     * take it, and that Trigger looks again at once (the upsert may have rewritten its instance).
     */
    void requireOwnerAfterUpsert(Trigger trigger, String triggerId, RemoteIdentity identity, DevcasterCredentials key);

    /** The server updated an instance in place for a new config: it matches on slug and account only. */
    void learnedInPlaceUpdates(String project);
}
