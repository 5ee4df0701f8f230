package dev.devcaster.stress.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageRecipeTest {

    static final String DOCKERFILE = """
        FROM eclipse-temurin:17-jre
        # a comment \\
        COPY target/lib/ /app/lib/
        RUN java -XX:ArchiveClassesAtExit=/app/op.jsa -cp "/app/op.jar:/app/lib/*" \\
              dev.devcaster.operator.Main --training
        ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/op.jsa", "-Xss1m", "-cp", "/app/op.jar:/app/lib/*", "dev.devcaster.operator.Main"]
        """;

    @Test
    void readsTheTrainingRunAndTheEntrypointAcrossContinuedLines(@TempDir Path dir) throws Exception {
        ImageRecipe recipe = ImageRecipe.read(write(dir, DOCKERFILE));

        assertThat(recipe.trainingFlags()).containsExactly("-XX:ArchiveClassesAtExit=/app/op.jsa");
        assertThat(recipe.startFlags()).containsExactly("-XX:SharedArchiveFile=/app/op.jsa", "-Xss1m");
        assertThat(recipe.classpath()).isEqualTo("/app/op.jar:/app/lib/*");
        assertThat(recipe.arguments()).containsExactly("--training");
        assertThat(recipe.startFlags(Path.of("/tmp/x.jsa"))).containsExactly("-XX:SharedArchiveFile=/tmp/x.jsa", "-Xss1m");
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
    void theRepositorysDockerfileReads() {
        ImageRecipe recipe = ImageRecipe.ofRepository();
        assertThat(recipe.archive()).startsWith("/app/");
        assertThat(recipe.arguments()).containsExactly("--training");
        assertThat(List.of(recipe.classpath().split(":"))).containsExactly("/app/devcaster-operator.jar", "/app/lib/*");
    }

    private static Path write(Path dir, String text) throws Exception {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, text);
        return file;
    }
}
