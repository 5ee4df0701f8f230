package dev.devcaster.operator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.EmulatorConfig;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.operator.cluster.CrdInstaller;
import dev.devcaster.operator.cluster.TestCluster;
import dev.devcaster.operator.testing.RunningOperator;
import dev.devcaster.operator.testing.TriggerAwait;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;

/**
 * How the operator scales: N Triggers created at once on a real kube-apiserver against the emulator.
 * Measures the time until all are Ready, remote calls per Trigger while creating, and remote calls
 * during a quiet resync window. Prints a table and writes JSON.
 *
 * <pre>mvn -B -pl operator test-compile exec:java@bench -Dbench.triggers=500</pre>
 */
public final class OperatorBenchmark {

    private OperatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.triggers", 500);
        int concurrency = Integer.getInteger("bench.concurrency", 10);
        Duration resync = Duration.ofSeconds(Long.getLong("bench.resyncSeconds", 10));
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench/operator-benchmark.json");
        String ns = "bench";
        Map<String, Object> result = new LinkedHashMap<>();
        try (TestCluster cluster = TestCluster.start(System.getProperty("test.cluster", "apiserver"));
             DevcasterEmulator emulator = DevcasterEmulator.start(EmulatorConfig.defaults())) {
            KubernetesClient client = cluster.client();
            CrdInstaller.install(client);
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            Project project = emulator.project("dk_bench");
            project.addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());

            try (var op = RunningOperator.builder(client, ns, emulator.baseUrl()).defaultApiKey("dk_bench")
                .env("RESYNC_PERIOD", resync.toSeconds() + "s")
                .env("RECONCILE_CONCURRENCY", Integer.toString(concurrency))
                .env("RECHECK_PERIOD", "1m")
                .start()) {
                Instant start = Instant.now();
                for (int i = 0; i < n; i++) {
                    Trigger t = trigger("bench-" + i, "GITHUB_COMMIT_EVENT", "alice");
                    t.getSpec().getTriggerConfig().put("owner", "acme").put("repo", "repo-" + i);
                    client.resources(Trigger.class).inNamespace(ns).resource(t).create();
                }
                Duration created = Duration.between(start, Instant.now());
                TriggerAwait.eventually().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    client.resources(Trigger.class).inNamespace(ns).list().getItems().stream()
                        .filter(t -> TriggerAwait.ready(t).map(c -> "Synced".equals(c.getReason())).orElse(false))
                        .count() == n);
                Duration allReady = Duration.between(start, Instant.now());
                Map<String, Long> creating = new TreeMap<>(emulator.requestLog().counters());
                long creatingTotal = creating.values().stream().mapToLong(Long::longValue).sum();

                emulator.requestLog().clear();
                Thread.sleep(resync.multipliedBy(2).toMillis()); // a fixed observation window, not a wait for a result
                Map<String, Long> quiet = new TreeMap<>(emulator.requestLog().counters());
                long quietTotal = quiet.values().stream().mapToLong(Long::longValue).sum();

                result.put("kubernetes", cluster.describe());
                result.put("triggers", n);
                result.put("concurrency", concurrency);
                result.put("createSubmitSeconds", created.toMillis() / 1000.0);
                result.put("allReadySeconds", allReady.toMillis() / 1000.0);
                result.put("triggersReadyPerSecond", n / (allReady.toMillis() / 1000.0));
                result.put("remoteCallsWhileCreating", creating);
                result.put("remoteCallsPerTriggerWhileCreating", (double) creatingTotal / n);
                result.put("quietWindowSeconds", resync.multipliedBy(2).toSeconds());
                result.put("remoteCallsInQuietWindow", quiet);
                result.put("remoteCallsPerTriggerPerResync", (double) quietTotal / n / 2);
            }
        }
        print(result);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static void print(Map<String, Object> result) {
        System.out.println();
        System.out.printf("%-40s %s%n", "metric", "value");
        System.out.printf("%-40s %s%n", "-".repeat(40), "-".repeat(30));
        result.forEach((k, v) -> System.out.printf("%-40s %s%n", k, v instanceof Double d ? String.format("%.2f", d) : v));
    }
}
