package dev.devcaster.operator.reconcile;

import dev.devcaster.emulator.faults.FaultScope;
import dev.devcaster.emulator.faults.RateLimitHeaders;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.emulator.requests.KeyFingerprint;
import dev.devcaster.emulator.requests.RequestRecord;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.config.ShardSelector;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.operator.testing.RunningOperator;
import dev.devcaster.operator.testing.TriggerAwait;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.devcaster.operator.testing.TriggerAwait.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The mechanics behind the scale figures, small enough for every build; the benchmark measures them. */
class ScaleMechanicsIT extends EndToEndTest {

    static final String LIST = "GET /api/v3/trigger_instances/active";
    static final String ACCOUNTS = "GET /api/v3/connected_accounts";

    @Override
    protected String apiKey() {
        return "key-scale";
    }

    static double reconcilesStarted(RunningOperator op) {
        return op.registry().find("operator.sdk.reconciliations.started").counters().stream()
            .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void aRestartReconcilesOnlyTheTriggersThatNeedWork() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        int synced = 12;
        try (var op = operator()) {
            IntStream.range(0, synced).forEach(i -> apply(githubCommits("synced-" + i, "alice", "repo-" + i)));
            IntStream.range(0, synced).forEach(i -> triggers.ready("synced-" + i));
        }
        apply(githubCommits("new-one", "alice", "new"));

        try (var op = operatorBuilder().set(Settings.RESYNC_PERIOD, "10m").start()) {
            triggers.ready("new-one");
            // The in-sync ones are confirmed in bulk by the first sweep (the new one too, once it is Synced).
            eventually().until(() -> op.registry().find("devcaster.drift.checks").tag("result", "in_sync").counter()
                .count() >= synced);

            assertThat(reconcilesStarted(op)).as("only the new Trigger was reconciled").isLessThanOrEqualTo(2);
            assertThat(remote()).hasSize(synced + 1);
        }
    }

    @Test
    void driftReadsCostWhatTheManagedTriggersNeedNotTheWholeProject() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        // A SaaS project: many end users (three pages of accounts), a few Triggers.
        IntStream.range(0, 2500).forEach(i -> project.addConnectedAccount("user-" + i, "github", AccountStatus.ACTIVE,
            Instant.now()));
        try (var op = operator()) {
            IntStream.range(0, 3).forEach(i -> apply(githubCommits("few-" + i, "alice", "repo-" + i)));
            IntStream.range(0, 3).forEach(i -> triggers.ready("few-" + i));
            emulator.requestLog().clear();

            eventually().during(Duration.ofSeconds(5)).until(() -> true); // two resync periods and more

            Map<String, Long> calls = emulator.requestLog().counters();
            long sweeps = calls.getOrDefault(LIST, 0L);
            assertThat(sweeps).as("instance reads, one per sweep").isBetween(2L, 4L);
            assertThat(calls.getOrDefault(ACCOUNTS, 0L)).as("account reads, one per sweep, not three pages")
                .isEqualTo(sweeps);
            assertThat(emulator.requestLog().count(UPSERT)).isZero();
        }
    }

    @Test
    void triggersAlreadyInEveryWatchedNamespaceAreReconciledAndCountedOnce() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        List<String> namespaces = List.of(ns, ns + "-b", ns + "-c");
        namespaces.stream().skip(1).forEach(name -> client.namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create());
        // Already there when the operator starts: each namespace's informer lists its own at the same time.
        namespaces.forEach(name -> IntStream.range(0, 4).forEach(i -> client.resources(Trigger.class).inNamespace(name)
            .resource(githubCommits("t-" + i, "alice", name + "-" + i)).serverSideApply()));
        String all = String.join(",", namespaces);

        try (var op = operatorBuilder().set(Settings.WATCH_NAMESPACES, all)
                .set(Settings.DEFAULT_API_KEY_NAMESPACES, all).start()) {
            namespaces.forEach(name -> IntStream.range(0, 4).forEach(i -> new TriggerAwait(client, name).ready("t-" + i)));

            assertThat(remote()).hasSize(12);
            eventually().until(() -> op.registry().find("devcaster.triggers").tag("reason", "Synced").gauge()
                .value() == 12);
            assertThat(op.registry().find("devcaster.triggers").gauges()).as("each Trigger counted once")
                .extracting(g -> g.value()).containsOnly(0.0, 12.0);
        }
    }

    @Test
    void aRateLimitPausesTheWholeKeyAndNotTheOtherKeys() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        var other = emulator.project("key-scale-other");
        other.addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
        client.secrets().inNamespace(ns).resource(apiKeySecret("other", "key-scale-other")).serverSideApply();
        emulator.faults().rateLimitNext(1, RateLimitHeaders.WITH, 4, FaultScope.apiKey(apiKey()));
        try (var op = operator()) {
            apply(githubCommits("limited-0", "alice", "repo-0"));
            eventually().until(() -> emulator.requestLog().entries().stream().anyMatch(r -> r.status() == 429));
            Instant limitedAt = emulator.requestLog().entries().stream().filter(r -> r.status() == 429)
                .map(RequestRecord::at).findFirst().orElseThrow();
            // More Triggers of the paused key, and one of another key, while Devcaster asked to wait.
            IntStream.range(1, 6).forEach(i -> apply(githubCommits("limited-" + i, "alice", "repo-" + i)));
            Trigger elsewhere = githubCommits("other-key", "alice", "other");
            elsewhere.getSpec().setCredentialsSecretRef(new SecretKeyRef("other", "apiKey"));
            apply(elsewhere);

            triggers.ready("other-key");
            IntStream.range(0, 6).forEach(i -> triggers.ready("limited-" + i));

            String key = KeyFingerprint.of(apiKey());
            List<RequestRecord> duringPause = emulator.requestLog().entries().stream()
                .filter(r -> r.apiKeyId().equals(key) && r.at().isAfter(limitedAt)
                    && r.at().isBefore(limitedAt.plusMillis(3_900)))
                .toList();
            assertThat(duringPause).as("nothing sent with the key while Devcaster asked to wait").isEmpty();
            Instant otherDone = other.triggers().get(0).createdAt();
            assertThat(otherDone).as("the other key was not held back").isBefore(limitedAt.plusSeconds(4));
            assertThat(remote()).hasSize(6);
        }
    }

    @Test
    void eachShardReconcilesItsOwnTriggersAndARelabelHandsOneOver() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        Set<String> byA = ConcurrentHashMap.newKeySet();
        Set<String> byB = ConcurrentHashMap.newKeySet();
        try (var a = operatorBuilder().set(Settings.SHARD_SELECTOR, "devcaster.dev/shard=a")
                .afterUpsert((t, id) -> byA.add(t.getMetadata().getName())).start();
             var b = operatorBuilder().set(Settings.SHARD_SELECTOR, "devcaster.dev/shard=b")
                .afterUpsert((t, id) -> byB.add(t.getMetadata().getName())).start()) {
            apply(sharded("moves", "a", "api"));
            apply(sharded("stays", "b", "web"));
            apply(githubCommits("no-shard", "alice", "docs"));
            String id = triggers.ready("moves").getStatus().getTriggerId();
            triggers.ready("stays");
            assertThat(byA).containsExactly("moves");
            assertThat(byB).containsExactly("stays");

            apply(sharded("moves", "b", "api"));
            eventually().during(Duration.ofSeconds(3)).until(() -> remote().size() == 2);
            apply(sharded("moves", "b", "changed"));

            eventually().until(() -> byB.contains("moves"));
            Trigger moved = triggers.ready("moves");
            assertThat(byA).containsExactly("moves");
            assertThat(remote()).extracting(TriggerInstance::id).doesNotContain(id).contains(moved.getStatus().getTriggerId())
                .hasSize(2);
            assertThat(TriggerAwait.ready(triggers.get("no-shard"))).as("no shard, no operator").isEmpty();
        }
    }

    @Test
    void aNewTriggerCostsTwoPatchesAndAnEventAndNoRead() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        List<String> requests = new CopyOnWriteArrayList<>();
        Interceptor recorder = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
                requests.add(request.method() + " " + request.uri().getPath());
            }
        };
        String path = "/apis/devcaster.dev/v1alpha1/namespaces/" + ns + "/triggers/counted";
        try (KubernetesClient recording = new KubernetesClientBuilder().withConfig(client.getConfiguration())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("record", recorder)).build();
             var op = RunningOperator.builder(recording, ns, emulator.baseUrl()).defaultApiKey(apiKey()).start()) {
            apply(githubCommits("counted", "alice", "api"));
            triggers.ready("counted");
            eventually().until(() -> requests.stream().anyMatch(r -> r.startsWith("POST ") && r.endsWith("/events")));

            assertThat(requests).as("no GET of the Trigger: a patch names the object it was computed from")
                .doesNotContain("GET " + path, "GET " + path + "/status")
                .containsOnlyOnce("PATCH " + path, "PATCH " + path + "/status");
        }
    }

    @Test
    void aShardSelectorSelectsWhatTheApiServerSelects() {
        // The informer asks the API server; the webhook matches locally. They must agree.
        List<Map<String, String>> labelSets = List.of(Map.of(), Map.of("devcaster.dev/shard", "a"),
            Map.of("devcaster.dev/shard", "b"), Map.of("devcaster.dev/shard", "b", "tier", "gold"),
            Map.of("devcaster.dev/shard", ""), Map.of("tier", "gold"), Map.of("legacy", "true", "devcaster.dev/shard", "c"));
        for (int i = 0; i < labelSets.size(); i++) {
            Trigger t = githubCommits("labels-" + i, "alice", "repo-" + i);
            t.getMetadata().setLabels(labelSets.get(i));
            apply(t);
        }
        for (String text : List.of("devcaster.dev/shard=b", "devcaster.dev/shard!=b", "devcaster.dev/shard in (a,b)",
            "devcaster.dev/shard notin (a, b)", "devcaster.dev/shard", "!devcaster.dev/shard", "devcaster.dev/shard=",
            "devcaster.dev/shard==b,tier", "tier!=gold, !legacy")) {
            ShardSelector selector = ShardSelector.parse(text);
            Set<String> byApiServer = client.resources(Trigger.class).inNamespace(ns).withLabelSelector(selector.text())
                .list().getItems().stream().map(t -> t.getMetadata().getName()).collect(Collectors.toSet());
            Set<String> local = IntStream.range(0, labelSets.size()).filter(i -> selector.matches(labelSets.get(i)))
                .mapToObj(i -> "labels-" + i).collect(Collectors.toSet());
            assertThat(local).as(text).isEqualTo(byApiServer);
        }
    }

    Trigger sharded(String name, String shard, String repo) {
        Trigger t = githubCommits(name, "alice", repo);
        ObjectMeta meta = t.getMetadata();
        meta.setLabels(Map.of("devcaster.dev/shard", shard));
        return t;
    }
}
