package dev.devcaster.operator.cluster;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerSpec;
import dev.devcaster.operator.trigger.TriggerStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Trigger CRD as committed under {@code crds/}: what Fabric8's generator makes of the Java
 * types, finished where the generator has no annotation for it: the printer columns in the order
 * {@link Trigger} declares them (the generator sorts them by JSON path), the descriptions of the
 * kind, spec and status from the types' class descriptions, and the conditions as the
 * {@code metav1.Condition} list-map keyed by {@code type}, with every field described, for
 * {@code kubectl explain} and server-side apply.
 */
public final class CrdInstaller {

    public static final Path GENERATED_CRD = Path.of(System.getProperty("crd.generated.dir", "target/classes/META-INF/fabric8"))
            .resolve("triggers.devcaster.dev-v1.yml");

    private static final String HEADER = "# Generated from the Java API types by Fabric8's CRD generator, finished by CrdInstaller\n"
            + "# (column order, descriptions, conditions list-map). Do not edit; see the README (\"The CRD is generated\").\n";
    private static final Map<String, String> CONDITION_FIELDS = Map.of(
            "type", "Ready, Reconciling or Stalled.",
            "status", "True, False or Unknown.",
            "reason", "Machine-readable reason in CamelCase, e.g. Synced, InvalidConfig, RemoteError.",
            "message", "What happened and what to do, for people; never a stack trace or a secret.",
            "observedGeneration", "The metadata.generation the condition describes.",
            "lastTransitionTime", "When the condition's status last changed (RFC 3339, seconds).");

    private CrdInstaller() {
    }

    public static CustomResourceDefinition load() {
        try (InputStream in = Files.newInputStream(GENERATED_CRD)) {
            CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
            List<String> declared = Arrays.stream(Trigger.class.getAnnotationsByType(AdditionalPrinterColumn.class))
                    .map(AdditionalPrinterColumn::name).toList();
            crd.getSpec().getVersions().forEach(v -> {
                v.getAdditionalPrinterColumns()
                        .sort(Comparator.comparingInt((CustomResourceColumnDefinition c) -> declared.indexOf(c.getName())));
                finishSchema(v.getSchema().getOpenAPIV3Schema());
            });
            return crd;
        } catch (IOException e) {
            throw new UncheckedIOException("the generated CRD is missing; build with mvn first", e);
        }
    }

    private static void finishSchema(JSONSchemaProps root) {
        root.setDescription(description(Trigger.class));
        root.getProperties().get("spec").setDescription(description(TriggerSpec.class));
        JSONSchemaProps status = root.getProperties().get("status");
        status.setDescription(description(TriggerStatus.class));
        JSONSchemaProps conditions = status.getProperties().get("conditions");
        conditions.setXKubernetesListType("map");
        conditions.setXKubernetesListMapKeys(List.of("type"));
        JSONSchemaProps condition = conditions.getItems().getSchema();
        condition.setRequired(List.of("status", "type"));
        condition.getProperties().forEach((name, field) -> field.setDescription(CONDITION_FIELDS.get(name)));
    }

    private static String description(Class<?> type) {
        return type.getAnnotation(JsonClassDescription.class).value();
    }

    /** The text committed under crds/ and the chart's crds/. */
    public static String committedYaml() {
        return HEADER + Serialization.asYaml(load());
    }

    public static void install(KubernetesClient client) {
        CustomResourceDefinition crd = load();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).forceConflicts().serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())), 60, TimeUnit.SECONDS);
    }
}
