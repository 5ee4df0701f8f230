package dev.devcaster.operator.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

public enum ConnectedAccountStatus {
    INITIALIZING, INITIATED, ACTIVE, FAILED, EXPIRED, INACTIVE, REVOKED,
    /** A status this client does not know yet; a new server value must not break reading a list. */
    UNKNOWN;

    @JsonCreator
    static ConnectedAccountStatus fromJson(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
