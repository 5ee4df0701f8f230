package dev.devcaster.plugin.testing;

import dev.devcaster.operator.testing.RepoPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real kubectl (the one hack/control-plane.sh builds), and processes like a shell runs them. */
public final class Kubectl {

    /** What a process printed and returned. */
    public record Output(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Kubectl() {
    }

    /** The folder of the kubectl binary the tests use. */
    public static Path binaries() {
        return Path.of(RepoPaths.KUBECTL).toAbsolutePath().getParent();
    }

    public static Output kubectl(Path kubeconfig, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(RepoPaths.KUBECTL, "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return run(command, Map.of(), stdin, null);
    }

    /** Runs a command with extra environment variables, {@code stdin} as its input (null: none). */
    public static Output run(List<String> command, Map<String, String> env, String stdin, Path workDir) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            Process process = builder.start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            var out = process.getInputStream();
            var err = process.getErrorStream();
            var errText = new java.util.concurrent.CompletableFuture<String>();
            Thread errReader = new Thread(() -> {
                try {
                    errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errText.complete("");
                }
            });
            errReader.start();
            String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            errReader.join();
            return new Output(process.exitValue(), outText, errText.join());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
