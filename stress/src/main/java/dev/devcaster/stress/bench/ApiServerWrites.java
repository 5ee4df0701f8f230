package dev.devcaster.stress.bench;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the kube-apiserver served, by resource, from its own {@code apiserver_request_total}
 * counter (scraped from {@code /metrics} with the admin client), and the single-object reads (GET)
 * beside them: a read costs the API server an etcd round trip too. The counter does not say who wrote;
 * the benchmark knows its own writes and subtracts them, everything else in a phase is the operator's.
 * Failed attempts (409 conflicts included) count: each one is a round trip the API server served.
 */
public final class ApiServerWrites {

    /**
     * kube-apiserver renews its own identity Lease (kube-system, every 10 s) and reads the endpoints
     * of the {@code kubernetes} Service it keeps; the operator takes no Lease without leader election,
     * which the chart leaves off for one replica, and touches no endpoints. Counted apart.
     */
    static final Set<String> CONTROL_PLANE_OWN = Set.of("leases", "endpoints", "endpointslices");

    /** Verbs that change something; {@code APPLY} is server-side apply, reported apart from PATCH. */
    static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION");

    private ApiServerWrites() {
    }

    /**
     * One scrape of the API server's counters for mutating requests, by {@code resource[/subresource]}
     * (events of both API groups as "events").
     *
     * @param requests requests so far ({@code apiserver_request_total}, every status)
     * @param seconds  the time the API server spent serving them ({@code apiserver_request_duration_seconds_sum})
     * @param timed    how many of them that time covers ({@code apiserver_request_duration_seconds_count})
     * @param reads    single-object GETs so far, by resource (lists and watches are other verbs)
     */
    public record Scrape(Map<String, Long> requests, Map<String, Double> seconds, Map<String, Long> timed,
                         Map<String, Long> reads) {

        /** Mean seconds per request by resource, between an earlier scrape and this one. */
        public Map<String, Double> meanSecondsSince(Scrape before) {
            Map<String, Double> mean = new TreeMap<>();
            timed.forEach((k, n) -> {
                long count = n - before.timed.getOrDefault(k, 0L);
                if (count > 0) {
                    double s = seconds.getOrDefault(k, 0.0) - before.seconds.getOrDefault(k, 0.0);
                    mean.put(k, Math.round(s / count * 10000) / 10000.0);
                }
            });
            return mean;
        }
    }

    public static Scrape scrape(KubernetesClient admin) {
        return parse(PrometheusText.parse(admin.raw("/metrics")));
    }

    static Scrape parse(List<PrometheusText.Sample> samples) {
        Map<String, Long> requests = new TreeMap<>();
        Map<String, Double> seconds = new TreeMap<>();
        Map<String, Long> timed = new TreeMap<>();
        Map<String, Long> reads = new TreeMap<>();
        for (PrometheusText.Sample s : samples) {
            String key = s.label("subresource").isEmpty() ? s.label("resource")
                : s.label("resource") + "/" + s.label("subresource");
            boolean read = "GET".equals(s.label("verb")) && !s.label("resource").isEmpty();
            if (read && s.name().equals("apiserver_request_total")) {
                reads.merge(key, Math.round(s.value()), Long::sum);
            }
            if (!MUTATING.contains(s.label("verb"))) {
                continue;
            }
            switch (s.name()) {
                case "apiserver_request_total" -> requests.merge(key, Math.round(s.value()), Long::sum);
                case "apiserver_request_duration_seconds_sum" -> seconds.merge(key, s.value(), Double::sum);
                case "apiserver_request_duration_seconds_count" -> timed.merge(key, Math.round(s.value()), Long::sum);
                default -> {
                }
            }
        }
        return new Scrape(requests, seconds, timed, reads);
    }

    static Map<String, Long> mutatingByResource(List<PrometheusText.Sample> samples) {
        return parse(samples).requests();
    }

    /** after − before, only resources that changed. */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((k, v) -> {
            long diff = v - before.getOrDefault(k, 0L);
            if (diff != 0) {
                d.put(k, diff);
            }
        });
        return d;
    }

    /** Requests of others than the control plane itself (its Lease renewals and endpoint reads dropped). */
    public static <V> Map<String, V> withoutControlPlane(Map<String, V> writes) {
        Map<String, V> d = new TreeMap<>(writes);
        d.keySet().removeAll(CONTROL_PLANE_OWN);
        return d;
    }

    /** The delta without the benchmark's own writes ({@code own}: resource → count). */
    public static Map<String, Long> minus(Map<String, Long> delta, Map<String, Long> own) {
        Map<String, Long> d = new TreeMap<>(delta);
        own.forEach((k, v) -> d.merge(k, -v, Long::sum));
        d.values().removeIf(v -> v == 0);
        return d;
    }

    public static long total(Map<String, Long> writes) {
        return writes.values().stream().mapToLong(Long::longValue).sum();
    }
}
