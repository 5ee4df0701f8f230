package dev.devcaster.emulator.faults;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which requests a fault applies to; a null part matches everything.
 *
 * <ul>
 *   <li>{@code method}: {@code GET}, {@code POST}, {@code PATCH}, {@code DELETE} (any case).</li>
 *   <li>{@code route}: a route template such as {@code /api/v3/trigger_instances/manage/{id}} (the
 *   placeholder's name does not matter), or a concrete path such as
 *   {@code /api/v3/trigger_instances/manage/ti_abc} for one instance. {@code /api/v3} and
 *   {@code /api/v3.1} are the same routes, and the prefix may be left out.</li>
 *   <li>{@code apiKey}: only requests sending that {@code x-api-key}.</li>
 * </ul>
 */
public record FaultScope(String method, String route, String apiKey) {

    /** Every request to the public API. */
    public static final FaultScope ANY = new FaultScope(null, null, null);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}/]*}");
    private static final Pattern VERSION_PREFIX = Pattern.compile("^/api/v3(\\.1)?(?=/|$)");

    public FaultScope {
        method = method == null || method.isBlank() ? null : method.trim().toUpperCase(Locale.ROOT);
        route = route == null || route.isBlank() ? null : route.trim();
        apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
        if (route != null && !route.startsWith("/")) {
            throw new IllegalArgumentException("a fault's route starts with /: " + route);
        }
    }

    /** Requests with that method to that route template or path; either may be null. */
    public static FaultScope of(String method, String route) {
        return new FaultScope(method, route, null);
    }

    /** Every request with that method. */
    public static FaultScope method(String method) {
        return new FaultScope(method, null, null);
    }

    /** Every request sending that API key. */
    public static FaultScope apiKey(String apiKey) {
        return new FaultScope(null, null, apiKey);
    }

    /** The same scope, limited to one API key. */
    public FaultScope withApiKey(String key) {
        return new FaultScope(method, route, key);
    }

    public boolean matches(FaultTarget target) {
        if (method != null && !method.equalsIgnoreCase(target.method())) {
            return false;
        }
        if (apiKey != null && !apiKey.equals(target.apiKey())) {
            return false;
        }
        if (route == null) {
            return true;
        }
        String wanted = unversioned(route);
        return template(wanted).equals(template(unversioned(target.route()))) || wanted.equals(unversioned(target.path()));
    }

    private static String unversioned(String path) {
        return VERSION_PREFIX.matcher(Objects.requireNonNullElse(path, "")).replaceFirst("");
    }

    private static String template(String route) {
        return PLACEHOLDER.matcher(route).replaceAll("{}");
    }
}
