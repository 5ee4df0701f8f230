package dev.devcaster.operator.config;

/**
 * What the admission webhook answers when it cannot validate a Trigger (Devcaster unreachable,
 * a 429, a timeout), named like the {@code failurePolicy} the API server applies when it cannot
 * reach the webhook at all.
 */
public enum FailurePolicy {
    /** Admit it with a warning; the reconcile still validates. */
    Ignore,
    /** Refuse it, saying why. */
    Fail
}
