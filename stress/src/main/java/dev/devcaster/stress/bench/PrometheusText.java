package dev.devcaster.stress.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Prometheus text exposition format, as far as the benchmark reads it (kube-apiserver's and the
 * operator's {@code /metrics}): one sample per line, {@code name{label="value",...} number}; comments
 * and timestamps ignored. Small on purpose; no client library for a dozen series.
 */
public final class PrometheusText {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {

        public String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private PrometheusText() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Sample s = parseLine(line);
            if (s != null) {
                samples.add(s);
            }
        }
        return samples;
    }

    /** The sum of a metric's samples whose labels pass the filter. */
    public static double sum(List<Sample> samples, String name, Predicate<Sample> filter) {
        return samples.stream().filter(s -> s.name().equals(name) && filter.test(s)).mapToDouble(Sample::value).sum();
    }

    static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            rest = parseLabels(line, brace + 1, labels);
            if (rest < 0) {
                return null;
            }
        } else if (space > 0) {
            name = line.substring(0, space);
            rest = space;
        } else {
            return null;
        }
        String[] value = line.substring(rest).trim().split("\\s+");
        if (value.length == 0 || value[0].isEmpty()) {
            return null;
        }
        try {
            return new Sample(name, labels, Double.parseDouble(value[0].replace("+Inf", "Infinity")));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads {@code k="v",...}} from {@code at}; returns the index after the closing brace, -1 if malformed. */
    private static int parseLabels(String line, int at, Map<String, String> labels) {
        int i = at;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i + 1;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length(); j++) {
                char v = line.charAt(j);
                if (v == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else if (v == '"') {
                    break;
                } else {
                    value.append(v);
                }
            }
            if (j >= line.length()) {
                return -1;
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
        return -1;
    }
}
