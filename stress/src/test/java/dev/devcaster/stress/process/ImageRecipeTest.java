package dev.devcaster.stress.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageRecipeTest {

    static final String DOCKERFILE = """
        FROM eclipse-temurin:17-jre
        COPY target/lib/ /app/lib/
        COPY target/devcaster-operator.jar /app/op.jar
        RUN java -XX:ArchiveClassesAtExit=/app/op.jsa -cp "/app/op.jar:/app/lib/*" \\
        # Docker drops a comment inside a continued instruction
              dev.devcaster.operator.Main --training
        ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/op.jsa", "-Xss1m", "-cp", "/app/op.jar:/app/lib/*", "dev.devcaster.operator.Main"]
        """;

    @Test
    void readsTheTrainingRunTheEntrypointAndTheCopies(@TempDir Path dir) throws Exception {
        ImageRecipe recipe = ImageRecipe.read(write(dir, DOCKERFILE));

        assertThat(recipe.trainingFlags()).containsExactly("-XX:ArchiveClassesAtExit=/app/op.jsa");
        assertThat(recipe.startFlags()).containsExactly("-XX:SharedArchiveFile=/app/op.jsa", "-Xss1m");
        assertThat(recipe.classpath()).isEqualTo("/app/op.jar:/app/lib/*");
        assertThat(recipe.arguments()).containsExactly("--training");
        assertThat(recipe.startFlags(Path.of("/tmp/x.jsa"))).containsExactly("-XX:SharedArchiveFile=/tmp/x.jsa", "-Xss1m");
    }

    @Test
    void mapsTheImagesClasspathOntoThePackagedJarAndLibrariesInItsOrder(@TempDir Path dir) throws Exception {
        ImageRecipe recipe = ImageRecipe.read(write(dir, DOCKERFILE));
        OperatorProcess.Jar jar = new OperatorProcess.Jar(Path.of("/b/target/devcaster-operator.jar"),
            Path.of("/b/target/lib"));

        assertThat(recipe.localClasspath(jar))
            .isEqualTo("/b/target/devcaster-operator.jar" + File.pathSeparator + "/b/target/lib/*");
        assertThatThrownBy(() -> ImageRecipe.read(write(dir, DOCKERFILE.replace("COPY target/lib/ /app/lib/\n", "")))
            .localClasspath(jar)).hasMessageContaining("/app/lib/* is not copied");
    }

    @Test
    void refusesARecipeWhoseArchiveTheJvmWouldNotMap(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ImageRecipe.read(write(dir, DOCKERFILE.replace("\"/app/op.jar:/app/lib/*\" \\",
            "\"/app/lib/*:/app/op.jar\" \\")))).hasMessageContaining("other classpaths");
        assertThatThrownBy(() -> ImageRecipe.read(write(dir, DOCKERFILE.replace("SharedArchiveFile=/app/op.jsa",
            "SharedArchiveFile=/app/other.jsa")))).hasMessageContaining("another archive");
        assertThatThrownBy(() -> ImageRecipe.read(write(dir, DOCKERFILE.replace("-XX:ArchiveClassesAtExit=/app/op.jsa ",
            "")))).hasMessageContaining("ArchiveClassesAtExit");
    }

    @Test
    void theRepositorysImageRunsOneJarWhoseManifestListsItsLibraries() {
        ImageRecipe recipe = ImageRecipe.ofRepository();
        OperatorProcess.Jar jar = OperatorProcess.Jar.fromSystem();

        assertThat(recipe.archive()).startsWith("/app/");
        assertThat(recipe.arguments()).containsExactly("--training");
        assertThat(recipe.classpath()).isEqualTo("/app/devcaster-operator.jar");
        assertThat(recipe.localClasspath(jar)).isEqualTo(jar.jar().toString());
    }

    private static Path write(Path dir, String text) throws Exception {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, text);
        return file;
    }
}
