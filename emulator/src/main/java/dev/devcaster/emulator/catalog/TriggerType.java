package dev.devcaster.emulator.catalog;

import com.fasterxml.jackson.databind.JsonNode;

/** A trigger type at one resolved toolkit version; {@code config} and {@code payload} are JSON Schemas. */
public record TriggerType(String slug, String name, String description, String instructions, String type,
                          Toolkit toolkit, JsonNode config, JsonNode payload, String version) {
}
