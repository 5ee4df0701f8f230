package dev.devcaster.operator.config;

import dev.devcaster.operator.client.ApiKeys;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** How the text of a setting becomes a value; each failure says what was expected. */
final class Parsers {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern TOOLKIT_VERSION = Pattern.compile("latest|\\d{8}_\\d{2}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern DNS_NAME =
        Pattern.compile("([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private Parsers() {
    }

    static Optional<String> optionalText(String raw) {
        return Optional.ofNullable(raw);
    }

    static String text(String raw) {
        return raw;
    }

    static Optional<String> apiKey(String raw) {
        if (raw != null && !ApiKeys.usableInHeader(raw)) {
            throw new IllegalArgumentException("contains characters an API key cannot have (line breaks or spaces?)");
        }
        return Optional.ofNullable(raw);
    }

    static URI httpUrl(String raw) {
        String trimmed = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            URI uri = new URI(trimmed);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + raw + "' is not an http(s) URL");
    }

    /** DNS names and IP literals, comma-separated; at least one. */
    static List<String> hosts(String raw) {
        List<String> hosts = new ArrayList<>();
        for (String part : raw.split(",")) {
            String host = part.trim().toLowerCase(Locale.ROOT);
            if (host.isEmpty()) {
                continue;
            }
            boolean ip = IPV4.matcher(host).matches() || host.contains(":") && host.matches("[0-9a-f:.]+");
            if (!ip && !DNS_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException("'" + host + "' is neither a DNS name nor an IP address");
            }
            hosts.add(ip ? ipAddress(host) : host);
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no host name or IP address");
        }
        return List.copyOf(hosts);
    }

    static Optional<Path> folder(String raw) {
        return Optional.ofNullable(raw).map(Path::of);
    }

    static Set<String> namespaces(String raw) {
        Set<String> result = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!NAMESPACE.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a namespace name");
            }
            result.add(name);
        }
        return Set.copyOf(result);
    }

    /** Namespace names, or {@code *} for all of them. */
    static Set<String> namespacesOrAll(String raw) {
        return raw.trim().equals("*") ? Set.of("*") : namespaces(raw);
    }

    /** {@code 30s}, {@code 10m}, {@code 1h}, {@code 500ms} or ISO-8601 ({@code PT10M}); always positive. */
    static Duration positiveDuration(String raw) {
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
                throw new IllegalArgumentException("'" + raw + "' is not a duration (e.g. 30s, 10m, 1h or PT10M)");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + raw + "' must be greater than zero");
        }
        return d;
    }

    static Map<String, String> toolkitVersions(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : raw.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String toolkit = kv[0].trim().toLowerCase(Locale.ROOT);
            String version = kv.length == 2 ? kv[1].trim() : "";
            if (toolkit.isEmpty() || !TOOLKIT_VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("'" + pair.trim()
                    + "' is not toolkit=version (version: latest or YYYYMMDD_NN), e.g. github=20250909_00");
            }
            result.put(toolkit, version);
        }
        return Map.copyOf(result);
    }

    static int positiveInt(String raw) {
        return intBetween(raw, 1, Integer.MAX_VALUE, "a positive integer");
    }

    static int port(String raw) {
        return intBetween(raw, 0, 65535, "a port (0-65535; 0 turns the HTTP endpoint off)");
    }

    private static int intBetween(String raw, int min, int max, String expected) {
        try {
            int n = Integer.parseInt(raw);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + raw + "' is not " + expected);
    }

    /** An IPv4 or IPv6 literal; never a host name (no DNS look-up at start). */
    static String ipAddress(String raw) {
        Matcher v4 = IPV4.matcher(raw);
        boolean literal = v4.matches() ? IntStream.rangeClosed(1, 4).allMatch(i -> Integer.parseInt(v4.group(i)) <= 255)
            : raw.contains(":") && raw.matches("[0-9A-Fa-f:.]+");
        if (literal) {
            try {
                return InetAddress.getByName(raw).getHostAddress();
            } catch (UnknownHostException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("'" + raw + "' is not an IP address (e.g. 0.0.0.0, 127.0.0.1 or ::1)");
    }

    static double requestsPerSecond(String raw) {
        try {
            double d = Double.parseDouble(raw);
            if (d >= 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + raw + "' is not a number >= 0 (requests per second; 0 = no limit)");
    }

    static boolean bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + raw + "' is not true or false");
        };
    }

    /** Case-insensitive enum constant; the message lists what is allowed. */
    static <E extends Enum<E>> E oneOf(Class<E> type, String raw) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equalsIgnoreCase(raw)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("'" + raw + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()));
    }
}
