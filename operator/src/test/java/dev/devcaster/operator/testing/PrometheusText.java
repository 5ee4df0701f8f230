package dev.devcaster.operator.testing;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus text format as a scrape returns it: metric names, and histogram buckets
 * per series. Just enough for the tests of what the operator exports.
 */
public record PrometheusText(String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+\\S+.*$");
    private static final Pattern LE = Pattern.compile("(^|,)le=\"[^\"]*\"");

    /** Every sample's metric name (with _bucket, _count, _sum, _total suffixes as exported). */
    public Set<String> sampleNames() {
        Set<String> names = new TreeSet<>();
        text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(line -> {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches()) {
                names.add(m.group(1));
            }
        });
        return names;
    }

    /** For each histogram series ({@code name{labels without le}}): how many {@code _bucket} samples it has. */
    public Map<String, Integer> bucketsPerSeries() {
        Map<String, Integer> counts = new TreeMap<>();
        text.lines().forEach(line -> {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches() && m.group(1).endsWith("_bucket")) {
                String labels = m.group(3) == null ? "" : LE.matcher(m.group(3)).replaceAll("$1")
                    .replaceAll(",+", ",").replaceAll("^,|,$", "");
                counts.merge(m.group(1) + "{" + labels + "}", 1, Integer::sum);
            }
        });
        return counts;
    }

    /** The lines of samples of one metric name. */
    public String samples(String name) {
        StringBuilder out = new StringBuilder();
        text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " ")).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }
}
