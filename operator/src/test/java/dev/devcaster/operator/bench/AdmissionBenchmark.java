package dev.devcaster.operator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.EmulatorConfig;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.operator.cluster.CrdInstaller;
import dev.devcaster.operator.cluster.TestCluster;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.testing.RunningOperator;
import dev.devcaster.operator.testing.WebhookHarness;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;

/**
 * Admission latency of the webhook, p50/p99, with a warm type cache (the type and the account
 * already looked up) and a cold one (every request with a new project's API key, so the Secret
 * read, the trigger type and the account are fetched from the emulator). Measured twice: at the
 * webhook itself (an AdmissionReview POSTed over HTTPS) and as a client sees it through the real
 * kube-apiserver (a server-side dry-run create), next to the same dry run without any webhook.
 * Prints a table and writes JSON.
 *
 * <pre>mvn -B -pl operator test-compile exec:java@bench-admission -Dbench.requests=300</pre>
 */
public final class AdmissionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdmissionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warm = Integer.getInteger("bench.requests", 300);
        int cold = Integer.getInteger("bench.coldRequests", 100);
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench/admission-benchmark.json");
        String ns = "bench-admission";
        String plain = "bench-no-webhook";
        Map<String, Object> result = new LinkedHashMap<>();
        try (TestCluster cluster = TestCluster.start(System.getProperty("test.cluster", "apiserver"));
             DevcasterEmulator emulator = DevcasterEmulator.start(EmulatorConfig.defaults())) {
            KubernetesClient client = cluster.client();
            CrdInstaller.install(client);
            for (String name : List.of(ns, plain)) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
            }
            emulator.project("dk_bench").addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
            try (WebhookHarness webhook = WebhookHarness.register(client, "Ignore", 5, ns);
                 var op = webhook.serve(RunningOperator.builder(client, ns, emulator.baseUrl()).defaultApiKey("dk_bench"))
                     .set(Settings.DEFAULT_API_KEY_NAMESPACES, ns + "," + plain)
                     .set(Settings.RECHECK_PERIOD, "1m").set(Settings.RATE_LIMIT, "0").start()) {
                webhook.awaitServing(ns);
                HttpClient https = https(webhook.caBundles().get(0));
                URI endpoint = URI.create("https://127.0.0.1:" + webhook.port() + "/validate-trigger");

                // Warm: the same type and user over and over (each request its own Trigger name).
                measure(result, "webhook, warm cache", warm, i -> post(https, endpoint, review(ns, valid("w" + i, null))));
                measure(result, "kube-apiserver dry run, warm cache", warm, i -> dryRun(client, ns, valid("a" + i, null)));
                measure(result, "kube-apiserver dry run, no webhook", warm, i -> dryRun(client, plain, valid("p" + i, null)));

                // Cold: a new project (API key in a new Secret) for every request.
                List<String> secrets = new ArrayList<>();
                for (int i = 0; i < 2 * cold; i++) {
                    String key = "dk_cold_" + UUID.randomUUID().toString().replace("-", "");
                    emulator.project(key).addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
                    String name = "cold-" + i;
                    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name)
                        .endMetadata().withStringData(Map.of("apiKey", key)).build()).create();
                    secrets.add(name);
                }
                measure(result, "webhook, cold cache", cold, i -> post(https, endpoint,
                    review(ns, valid("cw" + i, secrets.get(i)))));
                measure(result, "kube-apiserver dry run, cold cache", cold, i ->
                    dryRun(client, ns, valid("ca" + i, secrets.get(cold + i))));
                result.put("remoteCallsByEndpoint", emulator.requestLog().counters());
            }
            result.put("kubernetes", cluster.describe());
        }
        print(result);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static Trigger valid(String name, String secret) {
        Trigger t = trigger(name, "GITHUB_COMMIT_EVENT", "alice");
        t.getSpec().getTriggerConfig().put("owner", "acme").put("repo", "api");
        if (secret != null) {
            t.getSpec().setCredentialsSecretRef(new SecretKeyRef(secret, "apiKey"));
        }
        return t;
    }

    private static void dryRun(KubernetesClient client, String ns, Trigger trigger) {
        client.resources(Trigger.class).inNamespace(ns).resource(trigger).dryRun().create();
    }

    private static byte[] review(String ns, Trigger trigger) {
        trigger.getMetadata().setNamespace(ns);
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        review.putObject("request").put("uid", UUID.randomUUID().toString()).put("operation", "CREATE")
            .put("namespace", ns).put("name", trigger.getMetadata().getName())
            .set("object", io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().valueToTree(trigger));
        return review.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void post(HttpClient https, URI endpoint, byte[] body) {
        try {
            HttpResponse<String> response = https.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("\"allowed\":true")) {
                throw new IllegalStateException("unexpected answer " + response.statusCode() + ": " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient https(String caBundle) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate ca : CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(caBundle.getBytes(StandardCharsets.US_ASCII)))) {
            trust.setCertificateEntry("ca" + i++, ca);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Runs {@code n} requests one after another (after a few unmeasured ones) and records p50, p99 and max. */
    private static void measure(Map<String, Object> result, String scenario, int n, IntConsumer request) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            request.accept(i);
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(millis);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("requests", n);
        row.put("p50Millis", percentile(millis, 50));
        row.put("p99Millis", percentile(millis, 99));
        row.put("maxMillis", millis.get(millis.size() - 1));
        result.put(scenario, row);
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> result) {
        System.out.println();
        System.out.printf("%-40s %8s %10s %10s %10s%n", "admission latency", "requests", "p50 ms", "p99 ms", "max ms");
        System.out.printf("%-40s %8s %10s %10s %10s%n", "-".repeat(40), "-".repeat(8), "-".repeat(10), "-".repeat(10),
            "-".repeat(10));
        result.forEach((k, v) -> {
            if (v instanceof Map<?, ?> row && row.containsKey("p50Millis")) {
                Map<String, Object> r = (Map<String, Object>) row;
                System.out.printf("%-40s %8d %10.1f %10.1f %10.1f%n", k, (Integer) r.get("requests"),
                    (Double) r.get("p50Millis"), (Double) r.get("p99Millis"), (Double) r.get("maxMillis"));
            }
        });
        System.out.println("remote calls: " + result.get("remoteCallsByEndpoint"));
        System.out.println("cluster: " + result.get("kubernetes"));
    }
}
