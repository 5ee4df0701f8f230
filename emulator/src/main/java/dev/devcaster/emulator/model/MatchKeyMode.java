package dev.devcaster.emulator.model;

import java.util.Locale;

/**
 * How an upsert finds the instance it may reuse. The public API does not pin this down, so the
 * emulator plays both readings and the operator must be correct under each.
 */
public enum MatchKeyMode {
    /** Same slug, account and canonical config (defaults applied) reuse the instance. */
    CONFIG,
    /** Same slug and account reuse the instance; a different config updates it in place. */
    SLUG_AND_ACCOUNT;

    /** {@code config}, {@code slug_and_account} or {@code slug-and-account}, in any case. */
    public static MatchKeyMode parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
