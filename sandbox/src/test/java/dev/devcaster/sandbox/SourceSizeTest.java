package dev.devcaster.sandbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Sandbox.java lists the sequence and nothing else (the size of every file is checked in operator/). */
class SourceSizeTest {

    @Test
    void sandboxJavaIsTheSequenceOnly() throws IOException {
        assertThat(Files.readAllLines(Path.of("src/main/java/dev/devcaster/sandbox/Sandbox.java"))).hasSizeLessThan(100);
    }
}
