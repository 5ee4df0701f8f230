package dev.devcaster.stress.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiServerWritesTest {

    static final String SCRAPE = """
        # HELP apiserver_request_total [STABLE] Counter of apiserver requests broken out for each verb, ...
        # TYPE apiserver_request_total counter
        apiserver_request_total{code="201",component="apiserver",dry_run="",group="devcaster.dev",resource="triggers",scope="resource",subresource="",verb="POST",version="v1alpha1"} 1001
        apiserver_request_total{code="200",component="apiserver",dry_run="",group="devcaster.dev",resource="triggers",scope="resource",subresource="",verb="PATCH",version="v1alpha1"} 1000
        apiserver_request_total{code="409",component="apiserver",dry_run="",group="devcaster.dev",resource="triggers",scope="resource",subresource="status",verb="PATCH",version="v1alpha1"} 3
        apiserver_request_total{code="200",component="apiserver",dry_run="",group="devcaster.dev",resource="triggers",scope="resource",subresource="status",verb="APPLY",version="v1alpha1"} 1000
        apiserver_request_total{code="200",component="apiserver",dry_run="",group="devcaster.dev",resource="triggers",scope="namespace",subresource="",verb="LIST",version="v1alpha1"} 7
        apiserver_request_total{code="200",component="apiserver",dry_run="",group="devcaster.dev",resource="triggers",scope="resource",subresource="",verb="GET",version="v1alpha1"} 40
        apiserver_request_total{code="404",component="apiserver",dry_run="",group="devcaster.dev",resource="triggers",scope="resource",subresource="",verb="GET",version="v1alpha1"} 2
        apiserver_request_total{code="200",component="apiserver",dry_run="",group="",resource="",scope="",subresource="/metrics",verb="GET",version=""} 9
        apiserver_request_total{code="201",component="apiserver",dry_run="",group="",resource="events",scope="resource",subresource="",verb="POST",version="v1"} 990
        apiserver_request_total{code="201",component="apiserver",dry_run="",group="events.k8s.io",resource="events",scope="resource",subresource="",verb="POST",version="v1"} 10
        apiserver_request_total{code="200",component="apiserver",dry_run="",group="coordination.k8s.io",resource="leases",scope="resource",subresource="",verb="PUT",version="v1"} 12
        apiserver_request_duration_seconds_bucket{le="+Inf",resource="triggers",verb="POST"} 5
        """;

    @Test
    void mutatingRequestsByResourceWithFailedAttemptsAndBothEventGroups() {
        Map<String, Long> writes = ApiServerWrites.mutatingByResource(PrometheusText.parse(SCRAPE));

        assertThat(writes).containsExactlyInAnyOrderEntriesOf(Map.of("triggers", 2001L, "triggers/status", 1003L,
            "events", 1000L, "leases", 12L));
    }

    @Test
    void singleObjectReadsAreCountedApartAndListsAndMetricsAreNot() {
        assertThat(ApiServerWrites.parse(PrometheusText.parse(SCRAPE)).reads())
            .containsExactlyInAnyOrderEntriesOf(Map.of("triggers", 42L));
        // kube-apiserver reads the endpoints of its own Service every few seconds.
        assertThat(ApiServerWrites.withoutControlPlane(Map.of("endpoints", 11L, "endpointslices", 11L, "secrets", 1L)))
            .containsExactlyInAnyOrderEntriesOf(Map.of("secrets", 1L));
    }

    @Test
    void theBenchmarksOwnCreatesAndTheControlPlanesLeaseAreNotTheOperators() {
        Map<String, Long> before = Map.of("triggers", 1L, "leases", 10L, "events", 5L);
        Map<String, Long> after = Map.of("triggers", 2001L, "triggers/status", 1000L, "leases", 12L, "events", 5L);

        Map<String, Long> operator = ApiServerWrites.withoutControlPlane(
            ApiServerWrites.minus(ApiServerWrites.delta(before, after), Map.of("triggers", 1000L)));

        assertThat(operator).containsExactlyInAnyOrderEntriesOf(Map.of("triggers", 1000L, "triggers/status", 1000L));
        assertThat(ApiServerWrites.total(operator)).isEqualTo(2000);
    }

    @Test
    void labelValuesWithEscapesAndSamplesWithoutLabels() {
        var samples = PrometheusText.parse("""
            m{a="x\\"y",b="1,2"} 3.5 1700000000
            plain 42
            """);

        assertThat(samples).hasSize(2);
        assertThat(samples.get(0).labels()).containsEntry("a", "x\"y").containsEntry("b", "1,2");
        assertThat(samples.get(0).value()).isEqualTo(3.5);
        assertThat(samples.get(1).name()).isEqualTo("plain");
        assertThat(samples.get(1).value()).isEqualTo(42);
    }

    @Test
    void meanTimeTheApiServerTookPerWrite() {
        var before = ApiServerWrites.parse(PrometheusText.parse("""
            apiserver_request_duration_seconds_sum{resource="triggers",subresource="status",verb="PATCH"} 1.0
            apiserver_request_duration_seconds_count{resource="triggers",subresource="status",verb="PATCH"} 100
            apiserver_request_duration_seconds_sum{resource="triggers",subresource="",verb="LIST"} 9.0
            apiserver_request_duration_seconds_count{resource="triggers",subresource="",verb="LIST"} 3
            """));
        var after = ApiServerWrites.parse(PrometheusText.parse("""
            apiserver_request_duration_seconds_sum{resource="triggers",subresource="status",verb="PATCH"} 21.0
            apiserver_request_duration_seconds_count{resource="triggers",subresource="status",verb="PATCH"} 1100
            apiserver_request_duration_seconds_sum{resource="triggers",subresource="",verb="LIST"} 19.0
            apiserver_request_duration_seconds_count{resource="triggers",subresource="",verb="LIST"} 4
            """));

        assertThat(after.meanSecondsSince(before)).containsExactly(Map.entry("triggers/status", 0.02));
    }

    @Test
    void theOperatorsCountersAndTimerSums() {
        var counters = OperatorCounters.counters("""
            operator_sdk_reconciliations_started_total{group="devcaster.dev",kind="Trigger"} 5420.0
            devcaster_client_requests_seconds_sum{endpoint="POST /trigger_instances/{slug}/upsert",status="2xx"} 66.0
            devcaster_client_requests_seconds_bucket{endpoint="POST /trigger_instances/{slug}/upsert",le="0.1"} 900.0
            jvm_threads_live_threads 48.0
            jvm_threads_started_threads_total 1234.0
            """);

        assertThat(counters).containsOnlyKeys("operator_sdk_reconciliations_started_total{group=devcaster.dev,kind=Trigger}",
            "devcaster_client_requests_seconds_sum{endpoint=POST /trigger_instances/{slug}/upsert,status=2xx}",
            "jvm_threads_started_threads_total");
    }
}
