package dev.devcaster.operator.client;

import java.util.List;

/** The server rejected the trigger config against the type's schema (400 {@code TriggerInstance_ConfigInvalid}). */
public final class InvalidConfigException extends DevcasterException {

    public InvalidConfigException(ApiError error) {
        super(error, null);
    }

    /** One entry per failing field, as the server reported them. */
    public List<String> errors() {
        return error().errors();
    }
}
