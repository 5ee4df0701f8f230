package dev.devcaster.stress.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The raw figures of one run, phase by phase, as the JSON report holds them and {@link Goals} judges
 * them. Seconds are wall time unless named CPU; memory in KiB as /proc reports it.
 */
final class Measurements {

    private Measurements() {
    }

    /**
     * Operator launch → Ready of the one Trigger that existed before it started.
     *
     * @param launchToMainSeconds    process launch → the operator's "starting with" line (JVM start, class loading,
     *                               configuration); null when the line has no readable time
     * @param mainToStartedSeconds   that line → "started" (informers synced, reconcilers running)
     * @param startedToReadySeconds  "started" → the Trigger seen Ready
     */
    record FirstReady(double launchToReadySeconds, Double launchToMainSeconds, Double mainToStartedSeconds,
                      Double startedToReadySeconds, Map<String, Long> remoteCalls) {
    }

    /**
     * The creation wave: N Triggers created as fast as the API server takes them, until all are Ready.
     *
     * @param readyCount           how many got Ready before the run gave up (all, normally)
     * @param createSeconds        first create → last create answered
     * @param seconds              first create → last Trigger Ready
     * @param firstReadySeconds    first create → the first of them Ready (null when none got there)
     * @param medianReadySeconds   first create → half of them Ready (null when fewer got there)
     * @param steadyRate           Triggers Ready per second between the 10th and the 90th percentile (start-up and tail left out)
     * @param floorSeconds         N / rate limit (or, without a limit, N × latency / concurrency)
     * @param apiWrites            the operator's mutating API-server requests by resource (the N creates subtracted)
     * @param apiWriteSeconds      mean seconds the API server took per write, by resource (its own timing)
     * @param apiReads             single-object GETs the API server served, by resource (the benchmark sends none)
     * @param operatorCpuSeconds   the operator process's user + system CPU during the wave
     * @param controlPlaneCpuSeconds kube-apiserver + etcd CPU during the wave
     * @param benchmarkCpuSeconds  this process's CPU (the emulator, the creating threads, the watch)
     * @param operatorCpuByThread  the operator's CPU by thread kind (JIT compiler and GC included)
     * @param benchmarkCpuByThread this process's CPU by thread kind (Jetty's "qtp" threads are the emulator)
     * @param operatorCounters     the operator's own counters during the wave (reconcile runs, remote calls by outcome)
     * @param maxRssKb             the operator's peak RSS since it started (VmHWM)
     * @param operatorJvm          heap and GC figures from the operator's /metrics right after the wave
     */
    record Wave(int triggers, int readyCount, double createSeconds, double seconds, Double firstReadySeconds,
                Double medianReadySeconds, Double steadyRate, double floorSeconds,
                Map<String, Long> remoteCalls, long remoteTotal, long remoteWrites, Map<String, Long> apiWrites,
                Map<String, Double> apiWriteSeconds, Map<String, Long> apiReads, double operatorCpuSeconds, double controlPlaneCpuSeconds, double benchmarkCpuSeconds,
                Map<String, Double> operatorCpuByThread, Map<String, Double> benchmarkCpuByThread,
                Map<String, Double> operatorCounters, long maxRssKb,
                long rssAtEndKb, Map<String, Object> operatorJvm) {

        @JsonProperty
        double ratioToFloor() {
            return seconds / floorSeconds;
        }

        @JsonProperty
        double remoteCallsPerTrigger() {
            return (double) remoteTotal / triggers;
        }

        double apiWritesPerTrigger(String resource) {
            return (double) apiWrites.getOrDefault(resource, 0L) / triggers;
        }

        @JsonProperty
        double apiReadsPerTrigger() {
            return (double) ApiServerWrites.total(apiReads) / triggers;
        }

        /** JOSDK's reconcile runs per new Trigger (rescheduled runs for a rate-budget turn included). */
        @JsonProperty
        double reconcilesPerTrigger() {
            return counter("operator_sdk_reconciliations_started_total") / triggers;
        }

        /** Threads the operator's JVM started per new Trigger: a thread per task is CPU spent on nothing. */
        @JsonProperty
        double threadsStartedPerTrigger() {
            return counter(OperatorCounters.THREADS_STARTED) / triggers;
        }

        /** Seconds the reconcile threads spent in reconcile runs, all threads together. */
        @JsonProperty
        double reconcileSeconds() {
            return counter("operator_sdk_controllers_execution_reconcile_seconds_sum");
        }

        /** Mean seconds of one upsert as the operator timed it (its wait for a rate-limit permit included). */
        @JsonProperty
        Double upsertMeanSeconds() {
            String endpoint = "endpoint=POST /trigger_instances/{slug}/upsert";
            double count = operatorCounters.entrySet().stream().filter(e -> e.getKey().startsWith(
                "devcaster_client_requests_seconds_count") && e.getKey().contains(endpoint))
                .mapToDouble(Map.Entry::getValue).sum();
            double sum = operatorCounters.entrySet().stream().filter(e -> e.getKey().startsWith(
                "devcaster_client_requests_seconds_sum") && e.getKey().contains(endpoint))
                .mapToDouble(Map.Entry::getValue).sum();
            return count == 0 ? null : sum / count;
        }

        private double counter(String prefix) {
            return operatorCounters.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(Map.Entry::getValue).sum();
        }

        @JsonProperty
        double apiWritesPerTrigger() {
            return (double) ApiServerWrites.total(apiWrites) / triggers;
        }
    }

    /**
     * Two resync periods after everything is Ready, nothing changing.
     *
     * @param managed          Triggers the operator manages in the window (the wave + the first one)
     * @param accountsInUse    connected accounts those Triggers use
     * @param remoteCalls      calls by endpoint in the window
     * @param apiWrites        mutating API-server requests by resource in the window
     */
    record Quiet(double seconds, double resyncSeconds, int managed, int accountsInUse, Map<String, Long> remoteCalls,
                 long remoteLists, long remoteWrites, long remoteItemReads, Map<String, Long> apiWrites,
                 double operatorCpuSeconds, long rssAtEndKb) {
    }

    /**
     * The operator stopped (SIGTERM) with everything Synced, one new Trigger created, a new process started.
     *
     * @param managed                      Triggers in the namespace when the new process starts
     * @param launchToNewReadySeconds      new process launch → the new Trigger Ready
     * @param remoteCalls                  calls by endpoint from launch to that moment
     */
    record Restart(int managed, double launchToNewReadySeconds, Double launchToMainSeconds,
                   Double mainToStartedSeconds, Map<String, Long> remoteCalls, long remoteTotal) {
    }

    /**
     * Restarts one after another, each with its own new Trigger. A start is one sample of a figure
     * that varies by a tenth of a second from run to run, so the goal judges the median (the upper
     * one for an even count) and every sample is reported beside it.
     */
    record Restarts(List<Restart> runs) {

        Restarts {
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("no restart measured");
            }
            runs = List.copyOf(runs);
        }

        @JsonProperty
        Restart median() {
            List<Restart> sorted = runs.stream()
                .sorted(Comparator.comparingDouble(Restart::launchToNewReadySeconds)).toList();
            return sorted.get(sorted.size() / 2);
        }

        /** The most remote calls any restart made: every one must stay within the bound. */
        Restart mostRemoteCalls() {
            return runs.stream().max(Comparator.comparingLong(Restart::remoteTotal)).orElseThrow();
        }

        double[] seconds() {
            return runs.stream().mapToDouble(Restart::launchToNewReadySeconds).toArray();
        }
    }
}
