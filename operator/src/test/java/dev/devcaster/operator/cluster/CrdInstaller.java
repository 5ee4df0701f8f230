package dev.devcaster.operator.cluster;

import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Trigger CRD as committed under {@code crds/}: what Fabric8's generator makes of the Java
 * types, with the printer columns in the order {@link Trigger} declares them (the generator sorts
 * them by JSON path, which would put AGE first and TRIGGER ID last).
 */
public final class CrdInstaller {

    public static final Path GENERATED_CRD = Path.of(System.getProperty("crd.generated.dir", "target/classes/META-INF/fabric8"))
            .resolve("triggers.devcaster.dev-v1.yml");

    private static final String HEADER = "# Generated from the Java API types by Fabric8's CRD generator (printer columns in\n"
            + "# the order Trigger declares them). Do not edit; see the README (\"The CRD is generated\").\n";

    private CrdInstaller() {
    }

    public static CustomResourceDefinition load() {
        try (InputStream in = Files.newInputStream(GENERATED_CRD)) {
            CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
            List<String> declared = Arrays.stream(Trigger.class.getAnnotationsByType(AdditionalPrinterColumn.class))
                    .map(AdditionalPrinterColumn::name).toList();
            crd.getSpec().getVersions().forEach(v -> v.getAdditionalPrinterColumns()
                    .sort(Comparator.comparingInt((CustomResourceColumnDefinition c) -> declared.indexOf(c.getName()))));
            return crd;
        } catch (IOException e) {
            throw new UncheckedIOException("the generated CRD is missing; build with mvn first", e);
        }
    }

    /** The text committed under crds/ and the chart's crds/. */
    public static String committedYaml() {
        return HEADER + Serialization.asYaml(load());
    }

    public static void install(KubernetesClient client) {
        CustomResourceDefinition crd = load();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).forceConflicts().serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions().stream()
                        .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())), 60, TimeUnit.SECONDS);
    }
}
