package dev.devcaster.plugin.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.plugin.cluster.ClusterOptions;
import dev.devcaster.plugin.devcaster.DevcasterOptions;
import dev.devcaster.plugin.devcaster.DevcasterSession;
import dev.devcaster.plugin.manifests.ManifestFiles;
import dev.devcaster.plugin.terminal.BuildVersion;
import dev.devcaster.plugin.terminal.ExitCode;
import dev.devcaster.plugin.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    header = "Check Trigger manifests against the live trigger types, without a cluster (for CI).",
    description = {
        "Checks every Trigger in the files the way it is checked after kubectl apply: the CRD's rules (slug, exactly "
            + "one of userId/connectedAccountId, well-formed fields), then the operator's own validation: the trigger "
            + "type at the manifest's toolkit version (unset: latest) and the config against its JSON Schema, read "
            + "live from Devcaster. Problems are listed per file, one line per failing field, as the operator reports "
            + "them (triggerConfig.repo is spec.triggerConfig.repo). Documents of other kinds are skipped.",
        "Exit code 1 when any manifest is invalid."},
    footer = {"", "Examples:",
        "  kubectl devcaster validate -f examples/triggers",
        "  kubectl devcaster validate -f gitops/ -R"})
public final class ValidateCommand implements Callable<Integer> {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
        description = "Manifest file, or folder of .yaml/.yml/.json files; repeatable.")
    List<Path> files;

    @Option(names = {"-R", "--recursive"}, description = "Also the sub-folders of the folders given.")
    boolean recursive;

    @Mixin
    DevcasterOptions devcaster;

    @Mixin
    ClusterOptions cluster;

    private final Terminal terminal;

    public ValidateCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<Path> paths = ManifestFiles.expand(files, recursive);
        DevcasterSession session = devcaster.open(terminal, cluster);
        ManifestCheck check = new ManifestCheck(session);
        PrintWriter out = terminal.out();
        int triggers = 0;
        int invalid = 0;
        int others = 0;
        int badFiles = 0;
        for (Path path : paths) {
            ManifestFiles.FileContent content = ManifestFiles.read(path);
            if (content.error().isPresent()) {
                badFiles++;
                out.println(path + ": " + content.error().get());
                continue;
            }
            for (JsonNode document : content.documents()) {
                if (!isTrigger(document)) {
                    others++;
                    continue;
                }
                triggers++;
                ManifestCheck.Result result = check.check(document);
                String name = result.name().isEmpty() ? "(no name)" : result.name();
                String type = result.type().map(t -> " (" + t + ")").orElse("");
                out.println(path + ": Trigger " + name + ": " + (result.valid() ? "valid" : "invalid") + type);
                result.problems().forEach(p -> out.println("  " + p));
                result.warnings().forEach(w -> out.println("  warning: " + w));
                if (!result.valid()) {
                    invalid++;
                }
            }
        }
        out.flush();
        terminal.note(summary(paths.size(), triggers, invalid, others, badFiles));
        return invalid > 0 || badFiles > 0 ? ExitCode.INVALID : ExitCode.OK;
    }

    private static boolean isTrigger(JsonNode document) {
        return "Trigger".equals(document.path("kind").asText())
            && document.path("apiVersion").asText().startsWith(Trigger.GROUP + "/");
    }

    private static String summary(int files, int triggers, int invalid, int others, int badFiles) {
        String text = triggers + " Trigger" + (triggers == 1 ? "" : "s") + " in " + files + " file" + (files == 1 ? "" : "s")
            + ": " + (triggers - invalid) + " valid, " + invalid + " invalid";
        if (badFiles > 0) {
            text += "; " + badFiles + " file" + (badFiles == 1 ? "" : "s") + " not readable as YAML";
        }
        if (others > 0) {
            text += " (" + others + " other document" + (others == 1 ? "" : "s") + " skipped)";
        }
        return text;
    }
}
