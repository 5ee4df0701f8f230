package dev.devcaster.operator.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectedAccount(String id, ToolkitRef toolkit, AuthConfigRef authConfig, String userId,
                               ConnectedAccountStatus status, String statusReason,
                               @JsonProperty("is_disabled") boolean disabled,
                               Instant createdAt, Instant updatedAt) {

    /** The toolkit slug, or null when the server sent no toolkit. */
    public String toolkitSlug() {
        return toolkit == null ? null : toolkit.slug();
    }
}
