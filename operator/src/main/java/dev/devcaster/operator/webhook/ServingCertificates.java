package dev.devcaster.operator.webhook;

import java.time.Duration;

/** Where the serving certificate comes from; {@link #refresh} hands new ones to the server's key manager. */
public interface ServingCertificates {

    /**
     * Loads the current certificate (renewing it first when this source renews) and serves it if it
     * changed. Never throws: a failure is logged and the next refresh tries again.
     */
    void refresh();

    /** How often {@link #refresh} runs. */
    Duration refreshPeriod();
}
