package dev.devcaster.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own {@code promtool}, which hack/promtool.sh builds from Go modules into
 * ~/.cache/devcaster-operator/tools/ (Maven runs it before the tests; system property
 * {@code promtool.binary}).
 */
public final class PromTool {

    public static final Path BINARY = Path.of(System.getProperty("promtool.binary",
        System.getProperty("user.home") + "/.cache/devcaster-operator/tools/promtool-v0.316.0-linux-amd64/promtool"));

    public record Result(int exitCode, String output) {
    }

    private PromTool() {
    }

    /** Runs promtool with these arguments in {@code dir}. */
    public static Result run(Path dir, String... args) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("no promtool at " + BINARY + ": run hack/promtool.sh (Maven does before the tests)");
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
