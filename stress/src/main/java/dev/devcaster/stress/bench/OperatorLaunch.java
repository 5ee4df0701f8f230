package dev.devcaster.stress.bench;

import dev.devcaster.operator.config.Settings;
import dev.devcaster.stress.process.OperatorProcess;
import dev.devcaster.stress.process.PodIdentity;
import dev.devcaster.stress.process.ProcessLogs;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the operator as the chart's pod would run it: a ServiceAccount token (no kubeconfig), the
 * chart's {@code JAVA_TOOL_OPTIONS}, the image's JVM flags (its class data archive), the JVM told
 * the pod's memory and CPU limits, the chart's
 * defaults for every setting the benchmark does not vary, the default key allowed in the
 * benchmark's namespace. Then checks in the operator's own "starting with {…}" line that the
 * varied settings really reached it (a harness that silently runs the default limiter measures the
 * wrong thing), and reads when the JVM got to {@code main} and when the operator said it had started.
 */
final class OperatorLaunch {

    /** The chart's POD_NAMESPACE: the operator's own namespace (its key vault Secret). */
    static final String OPERATOR_NAMESPACE = "devcaster-system";
    static final String KEY_VAULT_SECRET = "devcaster-operator-keys";

    /** The operator's text log lines (LogConfiguration): local time, comma before the milliseconds. */
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");
    private static final Pattern SETTING = Pattern.compile("([A-Z][A-Z0-9_]*)=(.*?)(?=, [A-Z][A-Z0-9_]*=|}$)");

    private final BenchOptions options;
    private final ChartDefaults chart;
    private final ImageStart image;
    private final OperatorProcess.Jar jar;
    private final PodIdentity identity;
    private final URI baseUrl;
    private final String apiKey;
    private final String namespace;

    OperatorLaunch(BenchOptions options, ChartDefaults chart, ImageStart image, OperatorProcess.Jar jar,
                   PodIdentity identity, URI baseUrl, String apiKey, String namespace) {
        this.options = options;
        this.chart = chart;
        this.image = image;
        this.jar = jar;
        this.identity = identity;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.namespace = namespace;
    }

    /**
     * The JVM flags besides JAVA_TOOL_OPTIONS: the pod's limits, the image's (its class data archive),
     * and a flight recording when asked for.
     */
    List<String> jvmArgs(Optional<Path> flightRecording) {
        List<String> args = new ArrayList<>(chart.containerJvmArgs());
        args.addAll(image.flags());
        args.addAll(options.extraJvmArgs());
        flightRecording.ifPresent(file -> args.add("-XX:StartFlightRecording=filename=" + file
            + ",settings=profile,dumponexit=true"));
        return args;
    }

    OperatorProcess start(String name, Path logFile, Optional<Path> flightRecording) {
        return OperatorProcess.builder(jar)
            .classpath(image.classpath(jar).orElse(null))
            .name(name)
            .logFile(logFile)
            .jvmArgs(jvmArgs(flightRecording))
            .env("JAVA_TOOL_OPTIONS", chart.javaToolOptions().isBlank() ? null : chart.javaToolOptions())
            .podIdentity(identity)
            .set(Settings.BASE_URL, baseUrl.toString())
            .set(Settings.API_KEY, apiKey)
            .set(Settings.DEFAULT_API_KEY_NAMESPACES, namespace)
            .set(Settings.RATE_LIMIT, Double.toString(options.rateLimit()))
            .set(Settings.CONCURRENCY, Integer.toString(options.concurrency()))
            .set(Settings.RESYNC_PERIOD, options.resync().toSeconds() + "s")
            // As the chart's downward API sets them.
            .env("POD_NAMESPACE", OPERATOR_NAMESPACE)
            .set(Settings.POD_NAME, name)
            .set(Settings.HTTP_PORT, "auto")
            .start();
    }

    /**
     * The settings the operator reports in its "starting with {…}" line; fails when the varied ones
     * differ from what the benchmark asked for.
     */
    Map<String, String> verifySettings(OperatorProcess process) {
        Map<String, String> reported = reportedSettings(process.logFile());
        if (reported.isEmpty()) {
            throw new IllegalStateException(process + " logged no \"starting with {…}\" line; " + process.logFile());
        }
        expect(reported, Settings.RATE_LIMIT.env(), v -> Double.parseDouble(v) == options.rateLimit());
        expect(reported, Settings.CONCURRENCY.env(), v -> Integer.parseInt(v) == options.concurrency());
        expect(reported, Settings.RESYNC_PERIOD.env(), v -> v.equals(options.resync().toString()));
        if (!chart.javaToolOptions().isBlank() && !ProcessLogs.read(process.logFile())
            .contains("Picked up JAVA_TOOL_OPTIONS: " + chart.javaToolOptions())) {
            throw new IllegalStateException(process + " did not pick up JAVA_TOOL_OPTIONS; " + process.logFile());
        }
        image.verify(process);
        return reported;
    }

    private static void expect(Map<String, String> reported, String env, java.util.function.Predicate<String> ok) {
        String value = reported.get(env);
        if (value == null || !ok.test(value)) {
            throw new IllegalStateException("the operator runs with " + env + "=" + value
                + ", not what the benchmark set: its numbers would be meaningless");
        }
    }

    static Map<String, String> reportedSettings(Path logFile) {
        for (String line : ProcessLogs.lines(logFile)) {
            int at = line.indexOf(" Main starting with {");
            if (at >= 0) {
                return parseSettings(line.substring(at + " Main starting with ".length()).trim());
            }
        }
        return Map.of();
    }

    /** {@code {A=1, B=x, y, C=(set)}} → A=1, B="x, y", C=(set). */
    static Map<String, String> parseSettings(String braced) {
        Map<String, String> m = new LinkedHashMap<>();
        String text = braced.startsWith("{") ? braced.substring(1) : braced;
        Matcher matcher = SETTING.matcher(text.endsWith("}") ? text : text + "}");
        while (matcher.find()) {
            m.put(matcher.group(1), matcher.group(2));
        }
        return m;
    }

    /** When the operator logged a line containing {@code marker} (e.g. " Main started"), if it did. */
    static Optional<Instant> loggedAt(Path logFile, String marker) {
        for (String line : ProcessLogs.lines(logFile)) {
            if (line.contains(marker) && line.length() >= 23) {
                try {
                    return Optional.of(LocalDateTime.parse(line.substring(0, 23), LOG_TIME)
                        .atZone(ZoneId.systemDefault()).toInstant());
                } catch (DateTimeParseException e) {
                    // not a log line (e.g. the JVM's own output)
                }
            }
        }
        return Optional.empty();
    }
}
