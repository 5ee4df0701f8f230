package dev.devcaster.emulator.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The trigger types the emulator knows, per toolkit and version. Versions are dated
 * ({@code YYYYMMDD_NN}) so the newest sorts last and {@code latest} resolves to it.
 */
public final class Catalog {

    private static final String BUILT_IN = "/dev/devcaster/emulator/catalog.json";

    private final Map<String, NavigableMap<String, Map<String, TriggerType>>> versionsByToolkit;
    private final Map<String, String> toolkitBySlug;

    private Catalog(Map<String, NavigableMap<String, Map<String, TriggerType>>> versionsByToolkit) {
        this.versionsByToolkit = versionsByToolkit;
        this.toolkitBySlug = new LinkedHashMap<>();
        versionsByToolkit.forEach((toolkit, versions) ->
                versions.values().forEach(types -> types.keySet().forEach(slug -> toolkitBySlug.put(slug, toolkit))));
    }

    public static Catalog builtIn() {
        try (InputStream in = Catalog.class.getResourceAsStream(BUILT_IN)) {
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("built-in catalog unreadable", e);
        }
    }

    public static Catalog load(Path file) {
        try {
            return parse(new ObjectMapper().readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("catalog " + file + " unreadable", e);
        }
    }

    /** {@code {"toolkits":[{"slug","name","logo","versions":{"20250909_00":[trigger types]}}]}} */
    public static Catalog parse(JsonNode root) {
        Map<String, NavigableMap<String, Map<String, TriggerType>>> toolkits = new LinkedHashMap<>();
        for (JsonNode toolkitNode : root.path("toolkits")) {
            Toolkit toolkit = new Toolkit(toolkitNode.path("slug").asText(), toolkitNode.path("name").asText(),
                    toolkitNode.path("logo").asText(null));
            NavigableMap<String, Map<String, TriggerType>> versions = new TreeMap<>();
            toolkitNode.path("versions").fields().forEachRemaining(version -> {
                Map<String, TriggerType> types = new LinkedHashMap<>();
                for (JsonNode t : version.getValue()) {
                    String slug = t.path("slug").asText().toUpperCase(java.util.Locale.ROOT);
                    types.put(slug, new TriggerType(slug, t.path("name").asText(), t.path("description").asText(),
                            t.path("instructions").asText(), t.path("type").asText(), toolkit, t.path("config"),
                            t.path("payload"), version.getKey()));
                }
                versions.put(version.getKey(), types);
            });
            if (versions.isEmpty()) {
                throw new IllegalArgumentException("toolkit " + toolkit.slug() + " has no versions");
            }
            toolkits.put(toolkit.slug(), versions);
        }
        return new Catalog(toolkits);
    }

    /** The toolkit that has the slug in any version, if one does. */
    public Optional<String> toolkitOf(String slug) {
        return Optional.ofNullable(toolkitBySlug.get(slug));
    }

    /** The type at the requested version of its toolkit; empty when the slug or version is unknown. */
    public Optional<TriggerType> find(String slug, ToolkitVersions versions) {
        return toolkitOf(slug).flatMap(toolkit -> typesAt(toolkit, versions.requested(toolkit)))
                .map(types -> types.get(slug));
    }

    /** Every type of the given toolkits (all when empty) at the requested versions, by toolkit then slug. */
    public List<TriggerType> list(Collection<String> toolkitSlugs, ToolkitVersions versions) {
        List<TriggerType> result = new ArrayList<>();
        versionsByToolkit.keySet().stream()
                .filter(toolkit -> toolkitSlugs.isEmpty() || toolkitSlugs.contains(toolkit))
                .forEach(toolkit -> typesAt(toolkit, versions.requested(toolkit))
                        .ifPresent(types -> result.addAll(types.values())));
        return result;
    }

    /** Every slug at its toolkit's latest version. */
    public List<String> latestSlugs() {
        return list(List.of(), ToolkitVersions.latest()).stream().map(TriggerType::slug).toList();
    }

    private Optional<Map<String, TriggerType>> typesAt(String toolkit, String version) {
        NavigableMap<String, Map<String, TriggerType>> versions = versionsByToolkit.get(toolkit);
        if (versions == null) {
            return Optional.empty();
        }
        if (ToolkitVersions.LATEST.equalsIgnoreCase(version)) {
            return Optional.of(versions.lastEntry().getValue());
        }
        return Optional.ofNullable(versions.get(version));
    }
}
