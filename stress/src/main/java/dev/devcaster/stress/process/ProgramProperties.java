package dev.devcaster.stress.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of a measuring program, from {@code prefix.name} system properties (how Maven's
 * {@code -D} reaches {@code exec:java}) and from {@code --name=value} or {@code prefix.name=value}
 * arguments, which win.
 */
public final class ProgramProperties {

    private ProgramProperties() {
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
}
