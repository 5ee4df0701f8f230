package dev.devcaster.operator.install;

import dev.devcaster.operator.testing.RepoPaths;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code helm template} of helm/devcaster-operator, run in-process by helm-java (Helm's own Go
 * code: the same rendering and values.schema.json validation as the helm CLI).
 */
record RenderedChart(String yaml, List<HasMetadata> objects) {

    static final String RELEASE = "devcaster-operator";

    static LintResult lint() {
        return new Helm(RepoPaths.CHART).lint().strict().call();
    }

    /** Renders with the given values (YAML, may be empty) as release {@link #RELEASE} in {@code namespace}. */
    static RenderedChart render(String namespace, String valuesYaml) {
        return render(RELEASE, namespace, valuesYaml);
    }

    static RenderedChart render(String release, String namespace, String valuesYaml) {
        Path values = null;
        try {
            values = Files.createTempFile("values-", ".yaml");
            Files.writeString(values, valuesYaml);
            String yaml = new Helm(RepoPaths.CHART).template().withName(release).withNamespace(namespace)
                .withValuesFile(values).call();
            return new RenderedChart(yaml, Manifests.parse(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (values != null) {
                values.toFile().delete();
            }
        }
    }

    /** NOTES.txt as `helm install --dry-run` prints it (client only, no cluster). */
    static String notes(String namespace, String valuesYaml) {
        Path values = null;
        try {
            values = Files.createTempFile("values-", ".yaml");
            Files.writeString(values, valuesYaml);
            String output = new Helm(RepoPaths.CHART).install().withName(RELEASE).withNamespace(namespace)
                .dryRun().clientOnly().withValuesFile(values).call().getOutput();
            return output.substring(output.indexOf("NOTES:"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (values != null) {
                values.toFile().delete();
            }
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size() + ":\n" + yaml);
        }
        return found.get(0);
    }

    List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).toList();
    }

    Deployment deployment() {
        return one(Deployment.class);
    }

    Container container() {
        return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** The container's env, by name, in order. */
    Map<String, EnvVar> env() {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        container().getEnv().forEach(e -> env.put(e.getName(), e));
        return env;
    }

    /** The literal env values as the operator process would see them (downward API values filled in). */
    Map<String, String> processEnv(String podName) {
        Map<String, String> result = new LinkedHashMap<>();
        String namespace = deployment().getMetadata().getNamespace();
        container().getEnv().forEach(e -> {
            if (e.getValue() != null) {
                result.put(e.getName(), e.getValue());
            } else if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
                String path = e.getValueFrom().getFieldRef().getFieldPath();
                result.put(e.getName(), "metadata.namespace".equals(path) ? namespace : podName);
            }
        });
        return result;
    }

    Optional<String> envValue(String name) {
        return Optional.ofNullable(env().get(name)).map(EnvVar::getValue);
    }
}
