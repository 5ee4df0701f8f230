package dev.devcaster.stress.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading what a child process wrote to its log file (lenient: a missing file reads as empty). */
public final class ProcessLogs {

    private ProcessLogs() {
    }

    public static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    public static List<String> lines(Path file) {
        return read(file).lines().toList();
    }

    public static String tail(Path file, int lines) {
        List<String> all = lines(file);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
