package dev.devcaster.emulator.model;

import java.time.Instant;
import java.util.Map;

/** A trigger instance as the server holds it; {@code disabledAt == null} is the only enabled flag. */
public record TriggerInstance(String id, String slug, String connectedAccountId, String userId,
                              Map<String, Object> config, Instant createdAt, Instant updatedAt, Instant disabledAt) {

    public TriggerInstance {
        config = Map.copyOf(config);
    }

    public boolean enabled() {
        return disabledAt == null;
    }
}
