package dev.devcaster.operator.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * @param type   {@code default} or {@code custom}
 * @param status {@code ENABLED} or {@code DISABLED}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthConfig(String id, String name, String type, ToolkitRef toolkit, String status,
                         String authScheme, Integer noOfConnections, Instant createdAt) {
}
