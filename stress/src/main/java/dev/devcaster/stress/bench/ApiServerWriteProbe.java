package dev.devcaster.stress.bench;

import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What this API server and etcd can take of a creation wave's writes with nobody else working: per
 * Trigger the benchmark's create and the three writes the operator makes for a new Trigger (a
 * merge patch of finalizer and identity annotation, a merge patch of the status, an Event), of the
 * same shape and size, sent by a few threads one after another; no operator, no emulator load, no
 * watch. The CPU kube-apiserver and etcd spend on them, spread over every core, is a floor for a
 * wave on the same machine beside the one the rate limit sets: no operator can make it faster.
 */
final class ApiServerWriteProbe {

    static final int WRITES_PER_TRIGGER = 4;

    /**
     * @param triggers            Triggers taken through the four writes
     * @param seconds             first write sent → last one answered
     * @param controlPlaneSeconds CPU seconds kube-apiserver and etcd used meanwhile
     * @param cores               the machine's cores, which every process of the benchmark shares
     */
    record Result(int triggers, double seconds, double controlPlaneSeconds, int cores) {

        double writesPerSecond() {
            return triggers * WRITES_PER_TRIGGER / seconds;
        }

        /**
         * The least a wave of {@code n} can take here: the control plane's CPU for these writes alone
         * spread over every core. Conservative: the wave also pays for the watch events, the
         * emulator, the load and the operator.
         */
        double cpuFloorFor(int n) {
            return controlPlaneSeconds / triggers * n / cores;
        }

        double controlPlaneMillisPerTrigger() {
            return controlPlaneSeconds * 1000 / triggers;
        }
    }

    private final KubernetesClient client;
    private final List<ProcessHandle> controlPlane;
    private final int threads;

    ApiServerWriteProbe(KubernetesClient client, List<ProcessHandle> controlPlane, int threads) {
        this.client = client;
        this.controlPlane = controlPlane;
        this.threads = threads;
    }

    /** Runs the writes for {@code count} Triggers in {@code namespace}, then removes everything it made (not timed). */
    Result run(int count, IntFunction<BenchWorkload.Item> items, String namespace) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .serverSideApply();
        TriggerCreator creator = new TriggerCreator(client, 1);
        double cpuBefore = ProcessCpu.seconds(controlPlane);
        long start = System.nanoTime();
        IndexedWork.run(count, threads, "bench-probe", "the API-server write probe", k -> {
            BenchWorkload.Item item = items.apply(k);
            creator.create(item, namespace);
            operatorWrites(item.name(), namespace, k);
        });
        Result result = new Result(count, (System.nanoTime() - start) / 1e9, ProcessCpu.seconds(controlPlane) - cpuBefore,
            Runtime.getRuntime().availableProcessors());
        removeAll(namespace);
        return result;
    }

    private void operatorWrites(String name, String namespace, int k) {
        // As the operator sends them: on the object (Fabric8 GETs a resource known only by name before a patch).
        Trigger named = new Trigger();
        named.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        var trigger = client.resources(Trigger.class).inNamespace(namespace).resource(named);
        String now = Instant.now().toString();
        String triggerId = String.format("ti_probe%06d", k);
        String account = String.format("ca_probe%05d", k % 100);
        trigger.patch(PatchContext.of(PatchType.JSON_MERGE), """
            {"metadata":{"finalizers":["triggers.devcaster.dev/finalizer"],"annotations":{"devcaster.dev/remote-identity":\
            "v1:d3c2450d18f5:GITHUB_COMMIT_EVENT:%s:bc96eec023d00ed2:10532598e92a3335"}}}""".formatted(account));
        trigger.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), """
            {"status":{"conditions":[{"type":"Ready","status":"True","reason":"Synced","observedGeneration":1,\
            "lastTransitionTime":"%1$s","message":"remote trigger %2$s is Enabled on connected account %3$s"}],\
            "connectedAccountId":"%3$s","desiredHash":"2f83a20820c02d40","lastSyncedTime":"%1$s","observedGeneration":1,\
            "project":"d3c2450d18f5","state":"Enabled","toolkit":"github","toolkitVersion":"20250909_00",\
            "triggerId":"%2$s","user":"user-000"}}""".formatted(now.substring(0, 19) + "Z", triggerId, account));
        client.v1().events().inNamespace(namespace).resource(new EventBuilder()
            .withNewMetadata().withName(name + "." + Long.toHexString(k)).withNamespace(namespace).endMetadata()
            .withNewInvolvedObject().withApiVersion("devcaster.dev/v1alpha1").withKind("Trigger").withName(name)
            .withNamespace(namespace).endInvolvedObject()
            .withType("Normal").withReason("Created")
            .withMessage("created remote trigger " + triggerId + " on connected account " + account)
            .withNewSource("devcaster-operator", null).withReportingComponent("devcaster-operator")
            .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
            .build()).create();
    }

    private void removeAll(String namespace) {
        var triggers = client.resources(Trigger.class).inNamespace(namespace);
        triggers.list().getItems().forEach(t -> triggers.resource(t)
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}"));
        triggers.delete();
        client.v1().events().inNamespace(namespace).delete();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!triggers.list().getItems().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the write probe's Triggers are not gone after 5 minutes");
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
