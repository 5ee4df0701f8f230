package dev.devcaster.plugin;

import dev.devcaster.plugin.testing.PluginRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line itself: help everywhere, exit codes, completion. No cluster, no Devcaster. */
class CommandLineTest {

    private final PluginRun plugin = new PluginRun();

    @ParameterizedTest
    @ValueSource(strings = {"", "export", "validate", "status", "get", "completion"})
    void everyCommandHasHelp(String command) {
        PluginRun.Result help = command.isEmpty() ? plugin.run("--help") : plugin.run(command, "--help");

        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).contains("Usage: kubectl devcaster" + (command.isEmpty() ? "" : " "
            + (command.equals("get") ? "status" : command)));
        assertThat(help.err()).isEmpty();
    }

    @Test
    void theTopLevelHelpListsTheCommandsAndTheExitCodes() {
        String help = plugin.run().out();
        assertThat(help).contains("export", "validate", "status, get", "completion").doesNotContain("__complete")
            .contains("Exit codes:", "1   validate: a manifest is invalid", "2   wrong command line");
    }

    @Test
    void aWrongCommandLineIsExitCode2WithAPointerToHelp() {
        PluginRun.Result run = plugin.run("export", "--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: Unknown option: '--bogus'\nSee 'kubectl devcaster export --help'.\n");
        assertThat(run.out()).isEmpty();
        assertThat(plugin.run("export", "--enabled", "--disabled").exitCode()).isEqualTo(2);
        assertThat(plugin.run("validate").exitCode()).isEqualTo(2);
        assertThat(plugin.run("nonsense").exitCode()).isEqualTo(2);
    }

    @Test
    void withoutAKeyAndWithoutATerminalToAskOnItSaysWhereAKeyComesFrom() {
        PluginRun.Result run = plugin.run("export", "--no-cluster");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: no Devcaster API key: set DEVCASTER_API_KEY, pass --api-key-secret");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        PluginRun keyed = new PluginRun().env("DEVCASTER_API_KEY", "dk_unused");
        assertThat(keyed.run("export", "--no-cluster", "--toolkit-version", "newest").exitCode()).isEqualTo(2);
        assertThat(keyed.run("export", "--no-cluster", "--api-key-secret", "just-a-name").exitCode()).isEqualTo(2);
        assertThat(keyed.run("export", "--no-cluster", "--base-url", "ftp://x").exitCode()).isEqualTo(2);
        assertThat(keyed.run("export", "--deletion-policy", "Maybe").exitCode()).isEqualTo(2);
    }

    @Test
    void theCompletionScriptIsValidBash(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        PluginRun.Result run = plugin.run("completion");
        assertThat(run.exitCode()).isZero();
        Path script = Files.writeString(dir.resolve("completion.bash"), run.out());

        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();

        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(bash.getInputStream().readAllBytes())).isEmpty();
        assertThat(bash.exitValue()).isZero();
        assertThat(run.out()).contains("complete -F", "kubectl-devcaster", "export", "--output-dir");
    }

    @Test
    void kubectlsPluginCompletionGetsCandidatesAndADirective() {
        assertThat(plugin.run("__complete", "ex").out()).isEqualTo("export\n:4\n");
        assertThat(plugin.run("__complete", "export", "--no-c").out()).isEqualTo("--no-cluster\n:4\n");
        assertThat(plugin.run("__complete", "export", "--deletion-policy", "").out()).isEqualTo("Delete\nOrphan\n:4\n");
        assertThat(plugin.run("__complete", "validate", "-f", "").out()).as("file names: the shell's own completion")
            .isEqualTo(":0\n");
        assertThat(plugin.run("__complete", "").out()).contains("completion\n", "export\n", "status\n", "validate\n")
            .doesNotContain("__complete");
    }
}
