package dev.devcaster.operator.remote;

/**
 * Made durable before any call that may create a remote trigger: the Trigger carries the
 * finalizer and the identity of what is about to be created, and the key to reach it is kept.
 * A create whose answer is then lost (crash, timeout, status write failed) is never leaked.
 */
@FunctionalInterface
public interface CreateIntent {

    void declare(RemoteIdentity identity);
}
