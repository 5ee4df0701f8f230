package dev.devcaster.operator.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The auth config a connected account was created with. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthConfigRef(String id,
                            @JsonProperty("is_devcaster_managed") boolean devcasterManaged,
                            @JsonProperty("is_disabled") boolean disabled) {
}
