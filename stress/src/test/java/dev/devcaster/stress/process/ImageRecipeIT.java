package dev.devcaster.stress.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's class data sharing, as {@code operator/Dockerfile} sets it up, run here with this JDK:
 * its training run writes an archive, and a JVM with its ENTRYPOINT's flags maps that archive and
 * takes the operator's classes from it. {@code -Xshare:on} makes that JVM fail instead of quietly
 * starting without the archive (the image itself keeps the default, which starts anyway).
 */
class ImageRecipeIT {

    private static final String FROM_ARCHIVE = "source: shared objects file (top)";

    @Test
    void theTrainingRunWritesAnArchiveThatTheEntrypointsFlagsMapWithTheOperatorsClasses(@TempDir Path dir)
        throws Exception {
        ImageRecipe recipe = ImageRecipe.ofRepository();
        OperatorProcess.Jar jar = OperatorProcess.Jar.fromSystem();
        Path archive = dir.resolve("devcaster-operator.jsa");

        recipe.train(jar, archive, dir.resolve("training.log"));

        Path classes = dir.resolve("classes.txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(recipe.startFlags(archive));
        command.add("-Xshare:on");
        command.add("-Xlog:class+load=info:file=" + classes);
        command.add("-cp");
        command.add(jar.classpath());
        command.add("dev.devcaster.operator.Main");
        command.addAll(recipe.arguments());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("start.log").toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("start.log"))).isZero();

        List<String> loaded;
        try (Stream<String> lines = Files.lines(classes)) {
            loaded = lines.filter(l -> l.contains(" dev.devcaster.operator.") || l.contains(" io.fabric8.")
                || l.contains(" io.javaoperatorsdk.") || l.contains(" com.fasterxml.jackson.")).toList();
        }
        assertThat(loaded).as("the operator's own classes and its libraries' were loaded").hasSizeGreaterThan(1000);
        assertThat(loaded).filteredOn(l -> l.contains(" dev.devcaster.operator.app.DevcasterOperator ")
                || l.contains(" io.fabric8.kubernetes.client.impl.KubernetesClientImpl ")
                || l.contains(" com.fasterxml.jackson.databind.ObjectMapper "))
            .hasSize(3).allMatch(l -> l.contains(FROM_ARCHIVE));
        // Lambdas and reflection's generated accessors are made at run time and never archived.
        assertThat(loaded.stream().filter(l -> l.contains(FROM_ARCHIVE)).count())
            .as("classes from the archive").isGreaterThan(loaded.size() * 9L / 10);
    }
}
