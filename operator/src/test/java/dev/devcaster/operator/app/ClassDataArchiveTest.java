package dev.devcaster.operator.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataArchiveTest {

    static final String MAPPED = """
        7f1c2c000000-7f1c2d000000 r--p 00000000 00:2f 1234 /app/devcaster-operator.jsa
        7f1c2e000000-7f1c2f000000 r-xp 00000000 00:2f 99 /opt/java/openjdk/lib/server/libjvm.so
        """;

    @Test
    void saysNothingWhenTheArchiveIsMappedOrNoneWasAskedFor(@TempDir Path dir) throws Exception {
        Path maps = Files.writeString(dir.resolve("maps"), MAPPED);

        assertThat(ClassDataArchive.unmapped(List.of("-XX:SharedArchiveFile=/app/devcaster-operator.jsa"), maps))
            .isEmpty();
        assertThat(ClassDataArchive.unmapped(List.of("-XX:TieredStopAtLevel=1"), maps)).isEmpty();
    }

    @Test
    void warnsWhenTheJvmStartedWithoutTheArchiveItWasGiven(@TempDir Path dir) throws Exception {
        Path maps = Files.writeString(dir.resolve("maps"), MAPPED.replace("/app/devcaster-operator.jsa", ""));

        assertThat(ClassDataArchive.unmapped(List.of("-XX:SharedArchiveFile=/app/devcaster-operator.jsa"), maps))
            .hasValueSatisfying(w -> assertThat(w).contains("/app/devcaster-operator.jsa is not mapped"));
    }

    @Test
    void cannotTellWithoutTheProcessMemoryMap(@TempDir Path dir) {
        assertThat(ClassDataArchive.unmapped(List.of("-XX:SharedArchiveFile=/app/x.jsa"), dir.resolve("absent")))
            .isEmpty();
    }
}
