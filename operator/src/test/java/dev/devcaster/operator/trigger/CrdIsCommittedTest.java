package dev.devcaster.operator.trigger;

import dev.devcaster.operator.cluster.CrdInstaller;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CRD under crds/ (and the chart's copy) must be exactly what the Java API types generate. */
class CrdIsCommittedTest {

    private static final Path ROOT = Path.of(System.getProperty("crd.committed.dir", "../crds")).getParent();
    private static final String FILE = "triggers.devcaster.dev.yaml";
    private static final String REFRESH = "mvn -pl operator -am test -Dtest=CrdIsCommittedTest -Dsurefire.failIfNoSpecifiedTests=false -Dcrd.refresh=true";

    @Test
    void committedCrdEqualsGeneratedOne() throws IOException {
        assertCommittedCopy(ROOT.resolve("crds").resolve(FILE));
    }

    @Test
    void chartCrdEqualsGeneratedOne() throws IOException {
        assertCommittedCopy(ROOT.resolve("helm/devcaster-operator/crds").resolve(FILE));
    }

    private static void assertCommittedCopy(Path committed) throws IOException {
        String generated = CrdInstaller.committedYaml();
        if (Boolean.getBoolean("crd.refresh")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, generated);
        }
        assertThat(Files.exists(committed))
                .withFailMessage("%s is missing; create it with: %s", committed, REFRESH)
                .isTrue();
        assertThat(Files.readString(committed))
                .withFailMessage("%s differs from the CRD generated from the Java API types (%s).%n"
                        + "If the API change is intended, refresh the committed copy with:%n  %s", committed, CrdInstaller.GENERATED_CRD, REFRESH)
                .isEqualTo(generated);
    }
}
