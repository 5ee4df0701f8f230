package dev.devcaster.operator.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Multi-document YAML to typed Fabric8 objects (unknown kinds become GenericKubernetesResource). */
final class Manifests {

    private static final Pattern SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final Pattern HAS_KIND = Pattern.compile("(?m)^kind:\\s*\\S+");

    private Manifests() {
    }

    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : SEPARATOR.split(yaml)) {
            if (HAS_KIND.matcher(doc).find()) {
                objects.add(Serialization.unmarshal(doc));
            }
        }
        return objects;
    }

    static List<HasMetadata> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
