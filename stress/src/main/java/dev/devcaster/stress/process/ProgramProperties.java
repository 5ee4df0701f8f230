package dev.devcaster.stress.process;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a measuring program, from {@code prefix.name} system properties (how Maven's
 * {@code -D} reaches {@code exec:java}) and from {@code --name=value} or {@code prefix.name=value}
 * arguments, which win; read by full name ({@code prefix.name}) with a default.
 */
public final class ProgramProperties {

    private final Map<String, String> values;

    public ProgramProperties(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Map<String, String> read(String prefix, String... args) {
        String dotted = prefix + ".";
        Map<String, String> values = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith(dotted)) {
                values.put(k.toString(), v.toString());
            }
        });
        for (String arg : args) {
            String a = arg.startsWith("--") ? dotted + arg.substring(2) : arg;
            int eq = a.indexOf('=');
            if (eq > 0 && a.startsWith(dotted)) {
                values.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        return values;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int integer(String key, int fallback) {
        return Integer.parseInt(text(key, Integer.toString(fallback)).trim());
    }

    public double decimal(String key, double fallback) {
        return Double.parseDouble(text(key, Double.toString(fallback)).trim());
    }

    public Duration seconds(String key, long fallback) {
        return Duration.ofSeconds(Long.parseLong(text(key, Long.toString(fallback)).trim()));
    }
}
