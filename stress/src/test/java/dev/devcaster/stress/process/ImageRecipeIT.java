package dev.devcaster.stress.process;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.EmulatorConfig;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.operator.config.Settings;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The image's class data sharing as {@code operator/Dockerfile} sets it up, run here with this JDK:
 * its training run writes an archive; then a real start with its ENTRYPOINT's flags and classpath,
 * against a real API server and the emulator with a Trigger to reconcile, takes most of its classes
 * from that archive. So the training covers what a start loads, not only what the training loads.
 * {@code -Xshare:on} makes that JVM fail instead of quietly starting without the archive (the image
 * keeps the default, which starts anyway); a start without it logs why it is slower.
 */
class ImageRecipeIT {

    static final String NS = "image";
    static final String KEY = "dk_image";
    private static final String FROM_ARCHIVE = "source: shared objects file (top)";
    private static final String UNMAPPED = "is not mapped";

    @Test
    void aStartWithTheEntrypointsFlagsTakesItsClassesFromTheArchiveTheTrainingRunWrote(@TempDir Path dir)
        throws Exception {
        ImageRecipe recipe = ImageRecipe.ofRepository();
        OperatorProcess.Jar jar = OperatorProcess.Jar.fromSystem();
        Path archive = dir.resolve("devcaster-operator.jsa");
        recipe.train(jar, archive, dir.resolve("training.log"));

        ControlPlaneBinaries binaries = ControlPlaneBinaries.fromSystem().ensure(OperatorProcess.repoRoot());
        try (DevcasterEmulator emulator = DevcasterEmulator.start(EmulatorConfig.defaults());
             LocalControlPlane cluster = LocalControlPlane.start(binaries, dir)) {
            cluster.installCrd(OperatorProcess.repoRoot().resolve("crds/triggers.devcaster.dev.yaml"));
            KubernetesClient client = cluster.client();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
            emulator.project(KEY).addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
            // As a pod reaches the API server (a kubeconfig makes Fabric8 load every model class it has).
            PodIdentity pod = PodIdentity.create(client, NS, "devcaster-operator", "cluster-admin", dir);

            Path classes = dir.resolve("classes.txt");
            List<String> flags = new ArrayList<>(recipe.startFlags(archive));
            flags.add("-Xshare:on");
            flags.add("-Xlog:class+load=info:file=" + classes);
            try (OperatorProcess operator = start(jar, recipe, flags, pod, emulator, dir, "mapped")) {
                operator.awaitReady(Duration.ofSeconds(60));
                LeaderHandOverIT.apply(client, NS, "first");
                await().atMost(Duration.ofSeconds(60)).until(() -> LeaderHandOverIT.ready(client, NS) == 1);
                assertThat(ProcessLogs.read(operator.logFile())).doesNotContain(UNMAPPED);
            }

            List<String> loaded;
            try (Stream<String> lines = Files.lines(classes)) {
                loaded = lines.filter(l -> l.contains(" dev.devcaster.operator.") || l.contains(" io.fabric8.")
                    || l.contains(" io.javaoperatorsdk.") || l.contains(" com.fasterxml.jackson.")).toList();
            }
            assertThat(loaded).as("the operator's own classes and its libraries'").hasSizeGreaterThan(1500);
            assertThat(loaded).filteredOn(l -> l.contains(" dev.devcaster.operator.app.DevcasterOperator ")
                    || l.contains(" io.fabric8.kubernetes.client.impl.KubernetesClientImpl ")
                    || l.contains(" com.fasterxml.jackson.databind.ObjectMapper ")
                    || l.contains(" dev.devcaster.operator.kubernetes.TrimmedTriggerStore "))
                .hasSize(4).allMatch(l -> l.contains(FROM_ARCHIVE));
            // Lambdas and reflection's generated accessors are made at run time and never archived; the
            // training neither watches nor calls Devcaster, so those classes load from the jars (81 % from
            // the archive when this was written).
            assertThat(loaded.stream().filter(l -> l.contains(FROM_ARCHIVE)).count())
                .as("classes of a real start and reconcile taken from the archive").isGreaterThan(loaded.size() * 3L / 4);

            try (OperatorProcess without = start(jar, recipe, recipe.startFlags(dir.resolve("absent.jsa")), pod,
                emulator, dir, "unmapped")) {
                without.awaitReady(Duration.ofSeconds(60));
                assertThat(ProcessLogs.read(without.logFile())).contains(UNMAPPED);
            }
        }
    }

    private static OperatorProcess start(OperatorProcess.Jar jar, ImageRecipe recipe, List<String> flags,
                                         PodIdentity pod, DevcasterEmulator emulator, Path dir, String name) {
        return OperatorProcess.builder(jar).name(name).logFile(dir.resolve(name + ".log"))
            .classpath(recipe.localClasspath(jar))
            .jvmArgs(flags)
            .podIdentity(pod)
            .set(Settings.BASE_URL, emulator.baseUrl().toString())
            .set(Settings.API_KEY, KEY)
            .set(Settings.DEFAULT_API_KEY_NAMESPACES, NS)
            .set(Settings.WATCH_NAMESPACES, NS)
            .set(Settings.OPERATOR_NAMESPACE, NS)
            .set(Settings.POD_NAME, name)
            .start();
    }
}
