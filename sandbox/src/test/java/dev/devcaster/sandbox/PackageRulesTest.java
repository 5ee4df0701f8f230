package dev.devcaster.sandbox;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The sandbox's package rules: no cycles, nothing imports upwards. The root package is the
 * sequence (Sandbox lists the components, SandboxMain runs it); cluster/, devcaster/, kubernetes/,
 * operator/ and triggers/ are the components; lifecycle/ is how components start and stop;
 * output/ is what the user reads.
 */
@AnalyzeClasses(packages = "dev.devcaster.sandbox", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

    private static final String ROOT = "dev.devcaster.sandbox";

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nothingBelowImportsTheRootPackage = noClasses().that().resideOutsideOfPackage(ROOT)
        .should().dependOnClassesThat().resideInAPackage(ROOT);

    @ArchTest
    static final ArchRule layersOnlyImportDownwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Sequence").definedBy(ROOT)
        .layer("Components").definedBy(ROOT + ".cluster..", ROOT + ".devcaster..", ROOT + ".kubernetes..",
            ROOT + ".operator..", ROOT + ".triggers..")
        .layer("Lifecycle").definedBy(ROOT + ".lifecycle..")
        .layer("Output").definedBy(ROOT + ".output..")
        .whereLayer("Sequence").mayNotBeAccessedByAnyLayer()
        .whereLayer("Components").mayOnlyBeAccessedByLayers("Sequence")
        .whereLayer("Lifecycle").mayOnlyBeAccessedByLayers("Sequence", "Components")
        .whereLayer("Output").mayOnlyBeAccessedByLayers("Sequence", "Components", "Lifecycle");

    @ArchTest
    static final ArchRule onlyTheClusterComponentsStartProcesses = noClasses().that()
        .resideOutsideOfPackages(ROOT + ".cluster..")
        .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName());
}
