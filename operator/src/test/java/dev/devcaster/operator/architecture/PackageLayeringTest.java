package dev.devcaster.operator.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages follow the flow of one reconcile, top-down: the composition root, the JOSDK
 * adapter and, beside it, the admission webhook (which runs the same steps), the steps, the status, the Kubernetes side, and the foundation (client, config, the
 * resource types). Nothing imports upwards and no packages import each other.
 */
class PackageLayeringTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.devcaster.operator");

    @Test
    void noPackageCycles() {
        slices().matching("dev.devcaster.operator.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void importsRunDownTheFlowOfAReconcile() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Entry").definedBy("dev.devcaster.operator", "dev.devcaster.operator.app..")
            .layer("Reconcile").definedBy("dev.devcaster.operator.reconcile..")
            .layer("Admission").definedBy("dev.devcaster.operator.admission..", "dev.devcaster.operator.webhook..")
            .layer("Steps").definedBy("dev.devcaster.operator.credentials..", "dev.devcaster.operator.triggertype..",
                "dev.devcaster.operator.account..", "dev.devcaster.operator.ownership..", "dev.devcaster.operator.remote..")
            .layer("Status").definedBy("dev.devcaster.operator.status..")
            .layer("Kubernetes").definedBy("dev.devcaster.operator.kubernetes..", "dev.devcaster.operator.http..")
            .layer("Foundation").definedBy("dev.devcaster.operator.client..", "dev.devcaster.operator.config..",
                "dev.devcaster.operator.trigger..")
            .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
            .whereLayer("Reconcile").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Admission").mayOnlyBeAccessedByLayers("Entry")
            .whereLayer("Steps").mayOnlyBeAccessedByLayers("Entry", "Reconcile", "Admission")
            .whereLayer("Status").mayOnlyBeAccessedByLayers("Entry", "Reconcile", "Admission", "Steps")
            .whereLayer("Kubernetes").mayOnlyBeAccessedByLayers("Entry", "Reconcile", "Admission", "Steps", "Status")
            .check(MAIN);
    }

    @Test
    void theClientKnowsNothingOfKubernetesOrTheOperator() {
        noClasses().that().resideInAPackage("dev.devcaster.operator.client..")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.javaoperatorsdk..",
                "dev.devcaster.operator.trigger..", "dev.devcaster.operator.config..")
            .check(MAIN);
    }

    @Test
    void theResourceTypesDependOnNothingOfTheOperator() {
        noClasses().that().resideInAPackage("dev.devcaster.operator.trigger..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.devcaster.operator.client..",
                "dev.devcaster.operator.config..", "dev.devcaster.operator.status..")
            .check(MAIN);
    }
}
