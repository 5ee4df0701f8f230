package dev.devcaster.emulator.api;

import dev.devcaster.emulator.catalog.ToolkitVersions;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Query parameters as Devcaster reads them: arrays comma-joined or repeated, per-toolkit versions. */
final class QueryValues {

    private static final Pattern PER_TOOLKIT_VERSION = Pattern.compile("toolkit_versions\\[([^\\]]+)]");

    private QueryValues() {
    }

    /** {@code a=1,2&a=3} and {@code a[]=1} both give [1, 2, 3]. */
    static Set<String> array(Context ctx, String name) {
        List<String> raw = new ArrayList<>(ctx.queryParams(name));
        raw.addAll(ctx.queryParams(name + "[]"));
        Set<String> values = new LinkedHashSet<>();
        for (String value : raw) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    /** Trigger slugs: Devcaster upper-cases them. */
    static Set<String> upperCaseArray(Context ctx, String name) {
        Set<String> values = new LinkedHashSet<>();
        array(ctx, name).forEach(v -> values.add(v.toUpperCase(Locale.ROOT)));
        return values;
    }

    /** Toolkit slugs: always lower case. */
    static Set<String> lowerCaseArray(Context ctx, String name) {
        Set<String> values = new LinkedHashSet<>();
        array(ctx, name).forEach(v -> values.add(v.toLowerCase(Locale.ROOT)));
        return values;
    }

    static boolean bool(Context ctx, String name) {
        return Boolean.parseBoolean(ctx.queryParam(name));
    }

    /** {@code toolkit_versions=latest|20250909_00} for all, {@code toolkit_versions[github]=…} per toolkit. */
    static ToolkitVersions toolkitVersions(Context ctx) {
        Map<String, String> perToolkit = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((key, values) -> {
            Matcher m = PER_TOOLKIT_VERSION.matcher(key);
            if (m.matches() && !values.isEmpty()) {
                perToolkit.put(m.group(1).toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return new ToolkitVersions(ctx.queryParam("toolkit_versions"), perToolkit);
    }
}
