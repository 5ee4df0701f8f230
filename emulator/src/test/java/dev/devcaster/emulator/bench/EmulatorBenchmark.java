package dev.devcaster.emulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.EmulatorConfig;
import dev.devcaster.emulator.catalog.ToolkitVersions;
import dev.devcaster.emulator.catalog.TriggerType;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.store.Project;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives an in-process emulator holding 10,000 triggers with 50 concurrent HTTP clients (upsert,
 * list, enable/disable mix) and reports throughput and latency per endpoint.
 *
 * <p>{@code mvn -B -o -q -pl emulator test-compile exec:java} or with
 * {@code -Dexec.args="--requests 50000 --clients 50 --triggers 10000 --out target/bench/x.json"}.
 */
public final class EmulatorBenchmark {

    private static final String KEY = "bench-key";
    private static final int USERS = 100;

    private EmulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int triggers = Integer.parseInt(options.getOrDefault("--triggers", "10000"));
        int clients = Integer.parseInt(options.getOrDefault("--clients", "50"));
        int requests = Integer.parseInt(options.getOrDefault("--requests", "30000"));
        Path out = Path.of(options.getOrDefault("--out", "emulator/target/bench/emulator-benchmark.json"));

        try (DevcasterEmulator emulator = DevcasterEmulator.start(EmulatorConfig.defaults())) {
            List<String> triggerIds = seed(emulator, triggers);
            ExecutorService httpThreads = Executors.newFixedThreadPool(4);
            HttpClient http = HttpClient.newBuilder().executor(httpThreads).build();
            Load load = new Load(emulator.baseUrl(), http, triggerIds);

            run(load, clients, Math.max(1000, requests / 10));
            load.latencies.clear();
            long start = System.nanoTime();
            run(load, clients, requests);
            double seconds = (System.nanoTime() - start) / 1e9;

            Map<String, Object> report = report(load, clients, triggers, seconds, emulator.project(KEY).triggers().size());
            Files.createDirectories(out.toAbsolutePath().getParent());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report);
            System.out.println("wrote " + out.toAbsolutePath());
            httpThreads.shutdownNow();
        }
    }

    private static List<String> seed(DevcasterEmulator emulator, int triggers) {
        Project project = emulator.project(KEY);
        List<ConnectedAccount> accounts = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            accounts.add(project.addConnectedAccount("user-" + u, "github", AccountStatus.ACTIVE, null));
        }
        TriggerType commit = emulator.catalog().find("GITHUB_COMMIT_EVENT", ToolkitVersions.latest()).orElseThrow();
        List<String> ids = new ArrayList<>(triggers);
        for (int i = 0; i < triggers; i++) {
            ids.add(project.upsert(commit, accounts.get(i % USERS).id(), null,
                    Map.of("owner", "acme", "repo", "repo-" + i)).triggerId());
        }
        return ids;
    }

    private static void run(Load load, int clients, int requests) throws Exception {
        AtomicInteger remaining = new AtomicInteger(requests);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    load.oneRequest();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    private static Map<String, Object> report(Load load, int clients, int triggers, double seconds, int finalTriggers) {
        Map<String, Object> endpoints = new TreeMap<>();
        long total = 0;
        System.out.printf("%-48s %9s %10s %9s %9s %9s  %s%n", "endpoint", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "statuses");
        for (Map.Entry<String, Samples> e : new TreeMap<>(load.latencies).entrySet()) {
            long[] sorted = e.getValue().sorted();
            total += sorted.length;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("requests", sorted.length);
            row.put("requests_per_second", round(sorted.length / seconds));
            row.put("p50_ms", round(percentile(sorted, 0.50) / 1e6));
            row.put("p99_ms", round(percentile(sorted, 0.99) / 1e6));
            row.put("max_ms", round(sorted[sorted.length - 1] / 1e6));
            row.put("statuses", new TreeMap<>(e.getValue().statuses));
            endpoints.put(e.getKey(), row);
            System.out.printf("%-48s %9d %10.1f %9.2f %9.2f %9.2f  %s%n", e.getKey(), sorted.length, sorted.length / seconds,
                    percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6,
                    e.getValue().statuses);
        }
        System.out.printf("%-48s %9d %10.1f   (%d clients, %d seeded triggers, %d at the end, %.1f s)%n", "total", total,
                total / seconds, clients, triggers, finalTriggers, seconds);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("clients", clients);
        report.put("seeded_triggers", triggers);
        report.put("triggers_at_end", finalTriggers);
        report.put("seconds", round(seconds));
        report.put("requests", total);
        report.put("requests_per_second", round(total / seconds));
        report.put("java", System.getProperty("java.version"));
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("endpoints", endpoints);
        return report;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /** The request mix: 40% list by user, 30% upsert (half existing, half new config), 30% enable/disable. */
    private static final class Load {

        final URI base;
        final HttpClient http;
        final List<String> triggerIds;
        final Map<String, Samples> latencies = new ConcurrentHashMap<>();
        final AtomicInteger newRepos = new AtomicInteger();

        Load(URI base, HttpClient http, List<String> triggerIds) {
            this.base = base;
            this.http = http;
            this.triggerIds = triggerIds;
        }

        void oneRequest() throws Exception {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int roll = random.nextInt(100);
            int user = random.nextInt(USERS);
            if (roll < 40) {
                call("GET /trigger_instances/active", HttpRequest.newBuilder(base.resolve(
                        "/api/v3/trigger_instances/active?show_disabled=true&limit=50&user_ids=user-" + user)).GET());
            } else if (roll < 70) {
                int repo = random.nextBoolean() ? user + USERS * random.nextInt(100) : 1_000_000 + newRepos.incrementAndGet();
                String body = "{\"user_id\":\"user-" + (repo % USERS) + "\",\"trigger_config\":{\"owner\":\"acme\",\"repo\":\"repo-"
                        + repo + "\"}}";
                call("POST /trigger_instances/{slug}/upsert", HttpRequest.newBuilder(base.resolve(
                        "/api/v3/trigger_instances/GITHUB_COMMIT_EVENT/upsert")).POST(HttpRequest.BodyPublishers.ofString(body)));
            } else {
                String id = triggerIds.get(random.nextInt(triggerIds.size()));
                String status = random.nextBoolean() ? "enable" : "disable";
                call("PATCH /trigger_instances/manage/{id}", HttpRequest.newBuilder(base.resolve(
                        "/api/v3/trigger_instances/manage/" + id)).method("PATCH",
                        HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\"}")));
            }
        }

        private void call(String endpoint, HttpRequest.Builder request) throws Exception {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request.header("x-api-key", KEY)
                    .header("content-type", "application/json").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            latencies.computeIfAbsent(endpoint, k -> new Samples()).add(System.nanoTime() - start, response.statusCode());
        }
    }

    /** Latencies in nanoseconds and a count per status. */
    private static final class Samples {

        private long[] values = new long[1024];
        private int size;
        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

        synchronized void add(long nanos, int status) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
            statuses.merge(status, 1, Integer::sum);
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
