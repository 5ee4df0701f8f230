package dev.devcaster.plugin.manifests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestOutputTest {

    @Test
    void aStreamSortedByNameWithSeparators() {
        StringWriter out = new StringWriter();
        ManifestOutput.stream(List.of(new Manifest("b", "kind: B\n"), new Manifest("a", "kind: A\n")), new PrintWriter(out));
        assertThat(out.toString()).isEqualTo("kind: A\n---\nkind: B\n");
    }

    @Test
    void aFolderKeepsTheManifestsOfEarlierExportsInItsKustomization(@TempDir Path dir) throws Exception {
        ManifestOutput.directory(List.of(new Manifest("b", "kind: B\n")), dir);
        ManifestOutput.Written second = ManifestOutput.directory(List.of(new Manifest("a", "kind: A\n")), dir);

        assertThat(second.files()).containsExactly(dir.resolve("a.yaml"));
        assertThat(second.kustomizationWritten()).isTrue();
        assertThat(Files.readString(dir.resolve("kustomization.yaml"))).isEqualTo(ManifestOutput.MARK + "\n" + """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - a.yaml
              - b.yaml
            """);
    }

    @Test
    void aKustomizationSomeoneElseWroteIsLeftAlone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [mine.yaml]\n");

        ManifestOutput.Written written = ManifestOutput.directory(List.of(new Manifest("a", "kind: A\n")), dir);

        assertThat(written.kustomizationWritten()).isFalse();
        assertThat(Files.readString(dir.resolve("kustomization.yaml"))).isEqualTo("resources: [mine.yaml]\n");
        assertThat(dir.resolve("a.yaml")).hasContent("kind: A");
    }
}
