package dev.devcaster.plugin.manifests;

/** One Trigger manifest, as written: its name (also its file name) and its YAML. */
public record Manifest(String name, String yaml) {
}
