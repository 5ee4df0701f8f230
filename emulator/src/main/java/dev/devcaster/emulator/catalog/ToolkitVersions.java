package dev.devcaster.emulator.catalog;

import java.util.Map;

/**
 * The toolkit versions a request asks for: one version for every toolkit ({@code latest} unless
 * given), overridden per toolkit.
 */
public record ToolkitVersions(String forAll, Map<String, String> perToolkit) {

    public static final String LATEST = "latest";

    public ToolkitVersions {
        forAll = forAll == null || forAll.isBlank() ? LATEST : forAll;
        perToolkit = Map.copyOf(perToolkit);
    }

    public static ToolkitVersions latest() {
        return new ToolkitVersions(LATEST, Map.of());
    }

    public String requested(String toolkitSlug) {
        return perToolkit.getOrDefault(toolkitSlug, forAll);
    }
}
