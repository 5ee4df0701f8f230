package dev.devcaster.operator.trigger;

/** Whether the remote trigger delivers events. */
public enum TriggerState {
    Enabled,
    Disabled
}
