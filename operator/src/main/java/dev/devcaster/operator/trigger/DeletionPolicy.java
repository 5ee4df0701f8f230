package dev.devcaster.operator.trigger;

/** What happens to the remote trigger when its resource is deleted. */
public enum DeletionPolicy {
    /** Delete the remote trigger; a remote "not found" counts as done. */
    Delete,
    /** Leave the remote trigger running in Devcaster. */
    Orphan
}
