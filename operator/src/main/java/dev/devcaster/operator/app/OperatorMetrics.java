package dev.devcaster.operator.app;

import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@code /metrics} exports besides the operator's own meters: the JVM and the process
 * ({@code jvm_*}, {@code process_*}), {@code devcaster_operator_build_info{version,revision}} and
 * {@code devcaster_operator_leader}; and JOSDK's meters made fit for Prometheus: names without the
 * controller's name in them (it becomes the {@code controller} label) and a few explicit histogram
 * buckets instead of percentile histograms and client-side quantiles.
 */
public final class OperatorMetrics implements AutoCloseable {

    /** Histogram buckets of every latency the operator exports (seconds 0.05 … 10, then +Inf). */
    public static final List<Duration> LATENCY_BUCKETS = List.of(Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10));

    private static final String JOSDK = "operator.sdk.";
    private static final String JOSDK_TIMERS = JOSDK + "controllers.execution.";
    /** JOSDK gauges named {@code <prefix><controller name>}. */
    private static final List<String> PER_CONTROLLER_GAUGES = List.of(
        JOSDK + "reconciliations.executions.", JOSDK + "reconciliations.queue.size.");

    private final MeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final AtomicInteger leader = new AtomicInteger();
    private final MicrometerMetrics josdk;

    private OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Filters first: they apply to meters registered after them only.
        registry.config().meterFilter(controllerNameAsLabel()).meterFilter(fewBuckets());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        BuildInfo build = BuildInfo.load();
        Gauge.builder("devcaster.operator.build.info", () -> 1)
            .description("Always 1; the labels name the operator's version and source revision")
            .tags("version", build.version(), "revision", build.revision())
            .strongReference(true)
            .register(registry);
        Gauge.builder("devcaster.operator.leader", leader, AtomicInteger::get)
            .description("1 while this replica reconciles (holds the Lease, or runs without leader election)")
            .register(registry);
        // Per-resource meters would grow with the number of Triggers; the reason gauge covers that.
        this.josdk = MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource().build();
    }

    /** Configures the registry and binds the JVM, process and build meters to it. */
    public static OperatorMetrics bindTo(MeterRegistry registry) {
        return new OperatorMetrics(registry);
    }

    /** JOSDK's metrics, recording into the same registry. */
    public MicrometerMetrics josdk() {
        return josdk;
    }

    /** Whether this replica reconciles now. */
    public void leading(boolean leading) {
        leader.set(leading ? 1 : 0);
    }

    @Override
    public void close() {
        gc.close();
    }

    /** {@code operator.sdk.reconciliations.executions.triggerreconciler} → {@code …executions{controller="triggerreconciler"}}. */
    private static MeterFilter controllerNameAsLabel() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                for (String prefix : PER_CONTROLLER_GAUGES) {
                    if (id.getName().startsWith(prefix) && id.getName().length() > prefix.length()) {
                        List<Tag> tags = new ArrayList<>(id.getTags());
                        tags.add(Tag.of("controller", id.getName().substring(prefix.length())));
                        return id.withName(prefix.substring(0, prefix.length() - 1)).replaceTags(tags);
                    }
                }
                return id;
            }
        };
    }

    /** JOSDK times reconciles with a percentile histogram (~70 buckets) and quantiles; a few buckets suffice. */
    private static MeterFilter fewBuckets() {
        double[] slos = LATENCY_BUCKETS.stream().mapToDouble(Duration::toNanos).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith(JOSDK_TIMERS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                    .percentilesHistogram(false)
                    .percentiles(new double[0])
                    .serviceLevelObjectives(Arrays.copyOf(slos, slos.length))
                    .build()
                    .merge(config);
            }
        };
    }

    /** Version and revision written by the build into {@code build-info.properties}. */
    record BuildInfo(String version, String revision) {

        static final String RESOURCE = "/dev/devcaster/operator/build-info.properties";

        static BuildInfo load() {
            Properties p = new Properties();
            try (InputStream in = OperatorMetrics.class.getResourceAsStream(RESOURCE)) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new BuildInfo(known(p.getProperty("version")), known(p.getProperty("revision")));
        }

        /** An unfiltered placeholder (a build without Git, an IDE) reads as "unknown". */
        private static String known(String value) {
            return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value.trim();
        }
    }
}
