package dev.devcaster.plugin.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devcaster.plugin.terminal.PluginException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Manifest files as kubectl's {@code -f} takes them: files, and the YAML/JSON files of folders. */
public final class ManifestFiles {

    /**
     * One file's documents, or why it could not be read.
     *
     * @param error what is wrong with the file as a whole (not YAML), else empty
     */
    public record FileContent(Path file, List<JsonNode> documents, Optional<String> error) {
    }

    private ManifestFiles() {
    }

    /** The files named and those in the folders named (sub-folders with {@code recursive}), each folder sorted. */
    public static List<Path> expand(List<Path> given, boolean recursive) {
        List<Path> files = new ArrayList<>();
        for (Path path : given) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = recursive ? Files.walk(path) : Files.list(path)) {
                    walk.filter(Files::isRegularFile).filter(ManifestFiles::isManifest).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new PluginException("cannot read folder " + path + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new PluginException(path + ": no such file or folder");
            }
        }
        return files;
    }

    public static FileContent read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new PluginException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return new FileContent(file, ManifestYaml.readAll(text), Optional.empty());
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return new FileContent(file, List.of(), Optional.of("not valid YAML: " + message));
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }
}
