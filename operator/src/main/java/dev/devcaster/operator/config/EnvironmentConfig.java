package dev.devcaster.operator.config;

import dev.devcaster.operator.reconcile.ApiKeys;
import dev.devcaster.operator.trigger.DeletionPolicy;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@link OperatorConfig} from environment variables and fails fast, naming the variable. */
public final class EnvironmentConfig {

    public static final String API_KEY = "DEVCASTER_API_KEY";
    public static final String BASE_URL = "DEVCASTER_BASE_URL";
    public static final String WATCH_NAMESPACES = "WATCH_NAMESPACES";
    public static final String RESYNC_PERIOD = "RESYNC_PERIOD";
    public static final String DEFAULT_TOOLKIT_VERSIONS = "DEFAULT_TOOLKIT_VERSIONS";
    public static final String CONCURRENCY = "RECONCILE_CONCURRENCY";
    public static final String RATE_LIMIT = "DEVCASTER_RATE_LIMIT";
    public static final String REQUEST_TIMEOUT = "DEVCASTER_REQUEST_TIMEOUT";
    public static final String TYPE_CACHE_TTL = "TRIGGER_TYPE_CACHE_TTL";
    public static final String RECHECK_PERIOD = "RECHECK_PERIOD";
    public static final String DELETION_POLICY = "DEFAULT_DELETION_POLICY";
    public static final String LEADER_ELECTION = "LEADER_ELECTION";
    public static final String LEADER_ELECTION_NAMESPACE = "LEADER_ELECTION_NAMESPACE";
    public static final String LEADER_ELECTION_LEASE = "LEADER_ELECTION_LEASE_NAME";
    public static final String LOG_FORMAT = "LOG_FORMAT";
    public static final String HTTP_PORT = "HTTP_PORT";

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern TOOLKIT_VERSION = Pattern.compile("latest|\\d{8}_\\d{2}");

    private final Map<String, String> env;

    public EnvironmentConfig(Map<String, String> env) {
        this.env = env;
    }

    public static OperatorConfig fromSystem() {
        return new EnvironmentConfig(System.getenv()).load();
    }

    public OperatorConfig load() {
        return new OperatorConfig(
            apiKey(),
            url(BASE_URL, "https://backend.devcaster.dev"),
            namespaces(),
            duration(RESYNC_PERIOD, "10m"),
            toolkitVersions(),
            positiveInt(CONCURRENCY, "10"),
            nonNegativeDouble(RATE_LIMIT, "20"),
            duration(REQUEST_TIMEOUT, "10s"),
            duration(TYPE_CACHE_TTL, "5m"),
            duration(RECHECK_PERIOD, "1m"),
            deletionPolicy(),
            bool(LEADER_ELECTION, "false"),
            value(LEADER_ELECTION_NAMESPACE).or(() -> value("POD_NAMESPACE")).orElse("default"),
            value(LEADER_ELECTION_LEASE).orElse("devcaster-operator"),
            value("POD_NAME").or(() -> value("HOSTNAME")).orElseGet(() -> "devcaster-operator-" + UUID.randomUUID()),
            logFormat(),
            port(HTTP_PORT, "8080"));
    }

    private Optional<String> value(String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private String value(String name, String fallback) {
        return value(name).orElse(fallback);
    }

    private Optional<String> apiKey() {
        Optional<String> key = value(API_KEY);
        if (key.isPresent() && !ApiKeys.usableInHeader(key.get())) {
            throw new ConfigException(API_KEY, "contains characters an API key cannot have (line breaks or spaces?)");
        }
        return key;
    }

    private URI url(String name, String fallback) {
        String raw = value(name, fallback);
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(name, "'" + raw + "' is not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(name, "'" + raw + "' is not an http(s) URL");
        }
    }

    private Set<String> namespaces() {
        Set<String> result = new LinkedHashSet<>();
        for (String ns : value(WATCH_NAMESPACES, "").split(",")) {
            String name = ns.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || name.length() > 63) {
                throw new ConfigException(WATCH_NAMESPACES, "'" + name + "' is not a namespace name");
            }
            result.add(name);
        }
        return Set.copyOf(result);
    }

    Duration duration(String name, String fallback) {
        String raw = value(name, fallback);
        Matcher m = SHORT_DURATION.matcher(raw);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                d = Duration.parse(raw);
            } catch (DateTimeParseException e) {
                throw new ConfigException(name, "'" + raw + "' is not a duration (e.g. 30s, 10m, 1h or PT10M)");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(name, "must be greater than zero");
        }
        return d;
    }

    private Map<String, String> toolkitVersions() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : value(DEFAULT_TOOLKIT_VERSIONS, "").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String toolkit = kv[0].trim().toLowerCase(Locale.ROOT);
            String version = kv.length == 2 ? kv[1].trim() : "";
            if (toolkit.isEmpty() || !TOOLKIT_VERSION.matcher(version).matches()) {
                throw new ConfigException(DEFAULT_TOOLKIT_VERSIONS,
                    "'" + pair.trim() + "' is not toolkit=version (version: latest or YYYYMMDD_NN), e.g. github=20250909_00");
            }
            result.put(toolkit, version);
        }
        return Map.copyOf(result);
    }

    private int positiveInt(String name, String fallback) {
        return intBetween(name, fallback, 1, Integer.MAX_VALUE, "a positive integer");
    }

    private int port(String name, String fallback) {
        return intBetween(name, fallback, 0, 65535, "a port (0-65535; 0 turns the HTTP endpoint off)");
    }

    private int intBetween(String name, String fallback, int min, int max, String expected) {
        String raw = value(name, fallback);
        try {
            int n = Integer.parseInt(raw);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name, "'" + raw + "' is not " + expected);
    }

    private double nonNegativeDouble(String name, String fallback) {
        String raw = value(name, fallback);
        try {
            double d = Double.parseDouble(raw);
            if (d >= 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(name, "'" + raw + "' is not a number >= 0 (requests per second; 0 = no limit)");
    }

    private boolean bool(String name, String fallback) {
        String raw = value(name, fallback).toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(name, "'" + raw + "' is not true or false");
        };
    }

    private DeletionPolicy deletionPolicy() {
        String raw = value(DELETION_POLICY, "Delete");
        return Arrays.stream(DeletionPolicy.values()).filter(p -> p.name().equalsIgnoreCase(raw)).findFirst()
            .orElseThrow(() -> new ConfigException(DELETION_POLICY, "'" + raw + "' is not Delete or Orphan"));
    }

    private LogFormat logFormat() {
        String raw = value(LOG_FORMAT, "text");
        return Arrays.stream(LogFormat.values()).filter(f -> f.name().equalsIgnoreCase(raw)).findFirst()
            .orElseThrow(() -> new ConfigException(LOG_FORMAT, "'" + raw + "' is not text or json"));
    }
}
