package dev.devcaster.operator.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps every main source file of every module small enough to read in one go. */
class SourceSizeTest {

    private static final int MAX_LINES = 400;
    private static final Path REPO = Path.of("..");

    @Test
    void noMainSourceFileOfAnyModuleIsOver400Lines() throws IOException {
        List<Path> roots;
        try (Stream<Path> modules = Files.list(REPO)) {
            roots = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
        }
        assertThat(roots).extracting(r -> r.getName(1).toString())
            .contains("emulator", "operator", "stress", "plugin", "sandbox");

        List<String> tooLong = roots.stream().flatMap(SourceSizeTest::javaFiles)
            .filter(f -> lines(f) > MAX_LINES).map(f -> f + ": " + lines(f) + " lines").toList();
        assertThat(tooLong).isEmpty();
    }

    private static Stream<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
