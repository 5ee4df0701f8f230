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
    /** The Kubernetes version templates render for (Chart.yaml's kubeVersion is checked against it). */
    static final String KUBE_VERSION = System.getProperty("test.k8s.version", "1.34.4");

    static LintResult lint() {
        return new Helm(RepoPaths.CHART).lint().strict().call();
    }

    /** Renders with the given values (YAML, may be empty) as release {@link #RELEASE} in {@code namespace}. */
    static RenderedChart render(String namespace, String valuesYaml) {
        return render(RELEASE, namespace, valuesYaml);
    }

    static RenderedChart render(String release, String namespace, String valuesYaml) {
        return render(release, namespace, valuesYaml, KUBE_VERSION);
    }

    static RenderedChart render(String release, String namespace, String valuesYaml, String kubeVersion) {
        Path values = null;
        try {
            values = Files.createTempFile("values-", ".yaml");
            Files.writeString(values, valuesYaml);
            String yaml = new Helm(RepoPaths.CHART).template().withName(release).withNamespace(namespace)
                .withKubeVersion(kubeVersion).withValuesFile(values).call();
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
        String output = dryRunInstall(namespace, valuesYaml);
        return output.substring(output.indexOf("NOTES:"));
    }

    /**
     * The {@code helm test} hooks (templates/tests/), rendered by Helm's own engine. helm-java's
     * template returns the release manifest only, without hooks; so this renders a copy of the
     * chart whose test templates lack their {@code helm.sh/hook*} annotations (the tests check
     * those on the template itself) and returns the objects that came from templates/tests/.
     */
    static List<HasMetadata> hooks(String namespace, String valuesYaml) {
        Path copy = null;
        try {
            copy = Files.createTempDirectory("chart-");
            Path chart = copy.resolve(RepoPaths.CHART.getFileName());
            try (var files = Files.walk(RepoPaths.CHART)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path target = chart.resolve(RepoPaths.CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (RepoPaths.CHART.relativize(source).startsWith("templates/tests")) {
                        Files.writeString(target, Files.readString(source).replaceAll("(?m)^\\s*helm\\.sh/hook[-a-z]*:.*\\n", ""));
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            Path values = Files.writeString(copy.resolve("values.yaml"), valuesYaml);
            String yaml = new Helm(chart).template().withName(RELEASE).withNamespace(namespace)
                .withKubeVersion(KUBE_VERSION).withValuesFile(values).call();
            List<HasMetadata> hooks = new java.util.ArrayList<>();
            for (String doc : yaml.split("(?m)^---\\s*$")) {
                if (doc.contains("# Source: " + RepoPaths.CHART.getFileName() + "/templates/tests/")) {
                    hooks.addAll(Manifests.parse(doc));
                }
            }
            return hooks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (copy != null) {
                try (var files = Files.walk(copy)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // temp files only
                }
            }
        }
    }

    private static String dryRunInstall(String namespace, String valuesYaml) {
        Path values = null;
        try {
            values = Files.createTempFile("values-", ".yaml");
            Files.writeString(values, valuesYaml);
            String output = new Helm(RepoPaths.CHART).install().withName(RELEASE).withNamespace(namespace)
                .withKubeVersion(KUBE_VERSION).dryRun().clientOnly().withValuesFile(values).call().getOutput();
            return output;
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
