package dev.devcaster.emulator.model;

/** Connection states as Devcaster reports them; only ACTIVE accounts can carry new triggers. */
public enum AccountStatus {
    INITIALIZING, INITIATED, ACTIVE, FAILED, EXPIRED, INACTIVE, REVOKED
}
