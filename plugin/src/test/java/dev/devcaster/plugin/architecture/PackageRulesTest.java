package dev.devcaster.plugin.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The plugin's package rules. The root package is the command tree; export/, validate/, status/ and
 * completion/ are the commands, each on its own; devcaster/, manifests/ and cluster/ are what the
 * commands use; terminal/ is what the person running it sees. No cycles, nothing imports upwards,
 * and only terminal/ touches System.out and System.err (stdout is a command's output).
 */
@AnalyzeClasses(packages = "dev.devcaster.plugin", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

    private static final String ROOT = "dev.devcaster.plugin";

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersOnlyImportDownwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Tree").definedBy(ROOT)
        .layer("Export").definedBy(ROOT + ".export..")
        .layer("Validate").definedBy(ROOT + ".validate..")
        .layer("Status").definedBy(ROOT + ".status..")
        .layer("Completion").definedBy(ROOT + ".completion..")
        .layer("Parts").definedBy(ROOT + ".devcaster..", ROOT + ".manifests..", ROOT + ".cluster..")
        .layer("Terminal").definedBy(ROOT + ".terminal..")
        .whereLayer("Tree").mayNotBeAccessedByAnyLayer()
        .whereLayer("Export").mayOnlyBeAccessedByLayers("Tree")
        .whereLayer("Validate").mayOnlyBeAccessedByLayers("Tree")
        .whereLayer("Status").mayOnlyBeAccessedByLayers("Tree")
        .whereLayer("Completion").mayOnlyBeAccessedByLayers("Tree")
        .whereLayer("Parts").mayOnlyBeAccessedByLayers("Tree", "Export", "Validate", "Status")
        .whereLayer("Terminal").mayOnlyBeAccessedByLayers("Tree", "Export", "Validate", "Status", "Completion", "Parts");

    @ArchTest
    static final ArchRule onlyTheTerminalWritesToTheProcessStreams = noClasses().that()
        .resideOutsideOfPackage(ROOT + ".terminal..")
        .should().accessField(System.class, "out").orShould().accessField(System.class, "err");
}
