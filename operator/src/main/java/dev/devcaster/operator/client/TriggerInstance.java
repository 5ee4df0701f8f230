package dev.devcaster.operator.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A trigger instance as the server has it.
 *
 * @param triggerName the trigger type slug
 * @param disabledAt  when it was disabled, by a user or by Devcaster itself; null when enabled
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TriggerInstance(String id, String triggerName, String connectedAccountId, String userId,
                              JsonNode triggerConfig, Instant createdAt, Instant updatedAt, Instant disabledAt) {

    /** The API has no other enabled flag than {@code disabled_at}. */
    public boolean enabled() {
        return disabledAt == null;
    }
}
