package dev.devcaster.emulator.catalog;

/** A toolkit as trigger types reference it. */
public record Toolkit(String slug, String name, String logo) {
}
