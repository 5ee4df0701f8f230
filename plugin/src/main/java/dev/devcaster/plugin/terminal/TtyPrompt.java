package dev.devcaster.plugin.terminal;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Asks on the controlling terminal with echo off ({@code stty -echo}), whatever stdin and stdout are. */
final class TtyPrompt {

    private static final Path TTY = Path.of("/dev/tty");

    private TtyPrompt() {
    }

    /** The line typed, or null when there is no terminal (CI, a pipe without one). */
    static char[] ask(String prompt) {
        if (!Files.isReadable(TTY) || !stty("-echo")) {
            return null;
        }
        try (OutputStream out = new FileOutputStream(TTY.toFile());
             BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(TTY.toFile()),
                 StandardCharsets.UTF_8))) {
            out.write(prompt.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line = in.readLine();
            out.write('\n');
            return line == null ? null : line.toCharArray();
        } catch (IOException noTerminal) {
            return null;
        } finally {
            stty("echo");
        }
    }

    private static boolean stty(String mode) {
        try {
            Process stty = new ProcessBuilder("stty", mode).redirectInput(TTY.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return stty.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
