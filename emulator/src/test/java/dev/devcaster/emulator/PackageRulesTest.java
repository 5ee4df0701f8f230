package dev.devcaster.emulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The emulator's package rules: no cycles between packages, and nothing imports "upwards". The
 * root package composes (DevcasterEmulator, EmulatorMain, EmulatorConfig); api/ and admin/ are
 * the web layers; store/, faults/, requests/, catalog/ and state/ are what they serve; model/ is
 * the records everyone shares.
 */
@AnalyzeClasses(packages = "dev.devcaster.emulator", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

    private static final String ROOT = "dev.devcaster.emulator";

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nothingBelowImportsTheRootPackage = noClasses().that().resideOutsideOfPackage(ROOT)
            .should().dependOnClassesThat().resideInAPackage(ROOT);

    @ArchTest
    static final ArchRule layersOnlyImportDownwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Composition").definedBy(ROOT)
            .layer("Web").definedBy(ROOT + ".api..", ROOT + ".admin..")
            .layer("Domain").definedBy(ROOT + ".store..", ROOT + ".faults..", ROOT + ".requests..",
                    ROOT + ".catalog..", ROOT + ".state..")
            .layer("Model").definedBy(ROOT + ".model..")
            .whereLayer("Composition").mayNotBeAccessedByAnyLayer()
            .whereLayer("Web").mayOnlyBeAccessedByLayers("Composition")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Composition", "Web")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("Composition", "Web", "Domain");

    @ArchTest
    static final ArchRule publicApiDoesNotUseTheAdminApi = noClasses().that().resideInAPackage(ROOT + ".api..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".admin..");

    @ArchTest
    static final ArchRule adminApiDoesNotUseThePublicApi = noClasses().that().resideInAPackage(ROOT + ".admin..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".api..");

    @ArchTest
    static final ArchRule storeKnowsNoWebLayer = noClasses().that().resideInAPackage(ROOT + ".store..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".admin..", "io.javalin..");
}
