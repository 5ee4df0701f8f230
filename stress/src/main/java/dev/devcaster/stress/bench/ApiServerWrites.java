package dev.devcaster.stress.bench;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the kube-apiserver served, by resource, from its own {@code apiserver_request_total}
 * counter (scraped from {@code /metrics} with the admin client). The counter does not say who wrote;
 * the benchmark knows its own writes and subtracts them, everything else in a phase is the operator's.
 * Failed attempts (409 conflicts included) count: each one is a round trip the API server served.
 */
public final class ApiServerWrites {

    /**
     * kube-apiserver renews its own identity Lease (kube-system, every 10 s); the operator takes no
     * Lease without leader election, which the chart leaves off for one replica. Counted apart.
     */
    static final String CONTROL_PLANE_OWN = "leases";

    /** Verbs that change something; {@code APPLY} is server-side apply, reported apart from PATCH. */
    static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION");

    private ApiServerWrites() {
    }

    /** One scrape: mutating requests so far by {@code resource[/subresource]} (events of both API groups as "events"). */
    public static Map<String, Long> scrape(KubernetesClient admin) {
        return mutatingByResource(PrometheusText.parse(admin.raw("/metrics")));
    }

    static Map<String, Long> mutatingByResource(List<PrometheusText.Sample> samples) {
        Map<String, Long> byResource = new TreeMap<>();
        for (PrometheusText.Sample s : samples) {
            if (!s.name().equals("apiserver_request_total") || !MUTATING.contains(s.label("verb"))) {
                continue;
            }
            String key = s.label("subresource").isEmpty() ? s.label("resource")
                : s.label("resource") + "/" + s.label("subresource");
            byResource.merge(key, Math.round(s.value()), Long::sum);
        }
        return byResource;
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

    /** Writes of others than the control plane itself (its Lease renewals dropped). */
    public static Map<String, Long> withoutControlPlane(Map<String, Long> writes) {
        Map<String, Long> d = new TreeMap<>(writes);
        d.remove(CONTROL_PLANE_OWN);
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
