package dev.devcaster.operator.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A toolkit as embedded in other resources; {@code name} and {@code logo} only on trigger types. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolkitRef(String slug, String name, String logo) {
}
