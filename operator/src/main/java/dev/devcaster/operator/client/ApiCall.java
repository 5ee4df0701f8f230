package dev.devcaster.operator.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One request to the API, described by its route template (the name used in logs and metrics, so
 * ids never blow up metric cardinality) and the values that fill it.
 */
final class ApiCall {

    private static final String API_PREFIX = "/api/v3";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]+}");
    /** What a Devcaster id or slug is made of; anything else must never reach a request path. */
    private static final Pattern PATH_VALUE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}");

    private final String method;
    private final String route;
    private final String path;
    private final List<String> query = new ArrayList<>();
    private Object body;
    private boolean notFoundOn400;

    private ApiCall(String method, String route, String... pathValues) {
        this.method = method;
        this.route = route;
        this.path = expand(method, route, pathValues);
    }

    static ApiCall get(String route, String... pathValues) {
        return new ApiCall("GET", route, pathValues);
    }

    static ApiCall post(String route, String... pathValues) {
        return new ApiCall("POST", route, pathValues);
    }

    static ApiCall patch(String route, String... pathValues) {
        return new ApiCall("PATCH", route, pathValues);
    }

    static ApiCall delete(String route, String... pathValues) {
        return new ApiCall("DELETE", route, pathValues);
    }

    /** Adds {@code name=value}; a null value adds nothing. */
    ApiCall query(String name, Object value) {
        if (value != null) {
            query.add(encode(name) + "=" + encode(value.toString()));
        }
        return this;
    }

    /** Adds a comma-joined array parameter (the API's documented form); an empty one adds nothing. */
    ApiCall query(String name, Collection<?> values) {
        if (values != null && !values.isEmpty()) {
            query(name, values.stream().map(Object::toString).collect(Collectors.joining(",")));
        }
        return this;
    }

    ApiCall body(Object value) {
        this.body = value;
        return this;
    }

    /** Some servers answer 400 instead of 404 for a trigger type missing in a toolkit version. */
    ApiCall notFoundOn400() {
        this.notFoundOn400 = true;
        return this;
    }

    String method() {
        return method;
    }

    /** e.g. {@code PATCH /trigger_instances/manage/{id}}. */
    String endpoint() {
        return method + " " + route;
    }

    Object body() {
        return body;
    }

    boolean isNotFoundOn400() {
        return notFoundOn400;
    }

    URI uri(URI baseUrl) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String queryString = query.isEmpty() ? "" : "?" + String.join("&", query);
        return URI.create(base + API_PREFIX + path + queryString);
    }

    private static String expand(String method, String route, String... values) {
        Matcher matcher = PLACEHOLDER.matcher(route);
        StringBuilder out = new StringBuilder();
        int next = 0;
        while (matcher.find()) {
            if (next >= values.length || values[next] == null || values[next].isEmpty()) {
                throw new IllegalArgumentException("missing value for " + matcher.group() + " in " + route);
            }
            if (!PATH_VALUE.matcher(values[next]).matches() || values[next].contains("..")) {
                // Ids come from resources tenants write: "..", "/" or "?" must not reach a path.
                throw new RejectedException(ApiError.withoutResponse(method + " " + route, "refused to send a value for "
                    + matcher.group() + " that is not a Devcaster id or slug"));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(encode(values[next++])));
        }
        if (next != values.length) {
            throw new IllegalArgumentException(values.length + " values for the placeholders of " + route);
        }
        return matcher.appendTail(out).toString();
    }

    /** Form encoding turns spaces into '+', which a path segment would keep literally. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
