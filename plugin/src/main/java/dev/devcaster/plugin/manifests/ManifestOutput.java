package dev.devcaster.plugin.manifests;

import dev.devcaster.plugin.terminal.PluginException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Where exported manifests go: one YAML stream on stdout, or one file each in a folder with a kustomization.yaml. */
public final class ManifestOutput {

    public static final String KUSTOMIZATION = "kustomization.yaml";
    /** The first line of a kustomization.yaml this tool wrote and may therefore rewrite. */
    static final String MARK = "# Written by kubectl devcaster export: every manifest of this folder, for kubectl apply -k.";

    private ManifestOutput() {
    }

    /** The manifests by name, {@code ---} between them. */
    public static void stream(List<Manifest> manifests, PrintWriter out) {
        List<Manifest> sorted = manifests.stream().sorted(Comparator.comparing(Manifest::name)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0) {
                out.print("---\n");
            }
            out.print(sorted.get(i).yaml());
        }
        out.flush();
    }

    /** What {@link #directory} did. */
    public record Written(List<Path> files, boolean kustomizationWritten) {
    }

    /**
     * One {@code <name>.yaml} each, and a kustomization.yaml listing every manifest of the folder,
     * those of earlier exports included: a partial export never drops a Trigger from the folder. A
     * kustomization.yaml written by someone else is left alone.
     */
    public static Written directory(List<Manifest> manifests, Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> files = manifests.stream().sorted(Comparator.comparing(Manifest::name)).map(m -> {
                Path file = dir.resolve(m.name() + ".yaml");
                write(file, m.yaml());
                return file;
            }).toList();
            Path kustomization = dir.resolve(KUSTOMIZATION);
            boolean ours = !Files.exists(kustomization) || Files.readString(kustomization).startsWith(MARK);
            if (ours) {
                write(kustomization, kustomization(dir));
            }
            return new Written(files, ours);
        } catch (IOException e) {
            throw new PluginException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String kustomization(Path dir) throws IOException {
        StringBuilder text = new StringBuilder(MARK).append('\n')
            .append("apiVersion: kustomize.config.k8s.io/v1beta1\n")
            .append("kind: Kustomization\n")
            .append("resources:\n");
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString())
                .filter(n -> (n.endsWith(".yaml") || n.endsWith(".yml")) && !n.equals(KUSTOMIZATION))
                .sorted()
                .forEach(n -> text.append("  - ").append(n).append('\n'));
        }
        return text.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new PluginException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
