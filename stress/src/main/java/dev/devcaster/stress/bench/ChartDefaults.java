package dev.devcaster.stress.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the Helm chart gives the operator's pod by default, read from its {@code values.yaml}, so the
 * benchmark measures the JVM as it runs in the pod and follows the chart when its defaults change:
 * the {@code JAVA_TOOL_OPTIONS}, the container limits and the settings the benchmark may vary.
 *
 * <p>Outside a container the JVM sizes its heap from the machine's memory and its thread pools from
 * the machine's cores; {@link #containerJvmArgs()} tells it the pod's limits instead
 * ({@code -XX:MaxRAM}, {@code -XX:ActiveProcessorCount}), which is what the JVM reads from the
 * cgroup in the pod. The CPU limit is not enforced here: the process may use every core of the machine.
 *
 * @param javaToolOptions  {@code javaToolOptions}, as the chart puts it into {@code JAVA_TOOL_OPTIONS}
 * @param memoryLimit      {@code resources.limits.memory} as written (e.g. {@code 512Mi})
 * @param memoryLimitBytes the same in bytes
 * @param cpuLimit         {@code resources.limits.cpu} as written (e.g. {@code "1"} or {@code 500m})
 * @param cpus             the processors the JVM sees under that limit (rounded up, at least 1)
 * @param concurrency      {@code concurrency} (RECONCILE_CONCURRENCY)
 * @param rateLimit        {@code rateLimit} (DEVCASTER_RATE_LIMIT)
 */
public record ChartDefaults(String javaToolOptions, String memoryLimit, long memoryLimitBytes, String cpuLimit,
                            int cpus, int concurrency, double rateLimit) {

    public static ChartDefaults read(Path valuesYaml) {
        JsonNode values;
        try {
            values = new ObjectMapper(new YAMLFactory()).readTree(valuesYaml.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chart's values " + valuesYaml, e);
        }
        JsonNode limits = values.path("resources").path("limits");
        String memory = required(limits.path("memory"), "resources.limits.memory", valuesYaml);
        String cpu = required(limits.path("cpu"), "resources.limits.cpu", valuesYaml);
        return new ChartDefaults(values.path("javaToolOptions").asText(""), memory, memoryBytes(memory), cpu,
            processors(cpu), Integer.parseInt(required(values.path("concurrency"), "concurrency", valuesYaml)),
            Double.parseDouble(required(values.path("rateLimit"), "rateLimit", valuesYaml)));
    }

    /** The flags that make a JVM on this machine size itself as in the pod. */
    public List<String> containerJvmArgs() {
        return List.of("-XX:MaxRAM=" + memoryLimitBytes, "-XX:ActiveProcessorCount=" + cpus);
    }

    /** {@code javaToolOptions} split into flags (for the report; the process gets the variable as the pod does). */
    public List<String> javaToolOptionFlags() {
        List<String> flags = new ArrayList<>(Arrays.asList(javaToolOptions.trim().split("\\s+")));
        flags.removeIf(String::isEmpty);
        return flags;
    }

    /** A Kubernetes memory quantity in bytes: {@code 512Mi}, {@code 1Gi}, {@code 500M}, {@code 1e9}, {@code 1048576}. */
    static long memoryBytes(String quantity) {
        String q = quantity.trim();
        String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
            {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}};
        for (String[] s : suffixes) {
            if (q.endsWith(s[0])) {
                return new BigDecimal(q.substring(0, q.length() - s[0].length())).multiply(new BigDecimal(s[1]))
                    .setScale(0, RoundingMode.CEILING).longValueExact();
            }
        }
        return new BigDecimal(q).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** A CPU quantity ({@code "1"}, {@code 500m}, {@code 2.5}) as the processor count the JVM derives from it. */
    static int processors(String quantity) {
        String q = quantity.trim();
        BigDecimal cores = q.endsWith("m") ? new BigDecimal(q.substring(0, q.length() - 1)).movePointLeft(3)
            : new BigDecimal(q);
        return Math.max(1, cores.setScale(0, RoundingMode.CEILING).intValueExact());
    }

    private static String required(JsonNode node, String name, Path file) {
        if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
            throw new IllegalStateException(file + " has no " + name);
        }
        return node.asText();
    }
}
