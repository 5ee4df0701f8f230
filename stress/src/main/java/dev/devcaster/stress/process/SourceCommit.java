package dev.devcaster.stress.process;

import java.io.IOException;
import java.nio.file.Path;

/** Which commit a measurement ran on ({@code git describe --always --dirty}), for its report. */
public final class SourceCommit {

    private SourceCommit() {
    }

    public static String describe(Path repoRoot) {
        try {
            Process p = new ProcessBuilder("git", "-C", repoRoot.toString(), "describe", "--always", "--dirty")
                .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? text : "(unknown)";
        } catch (IOException e) {
            return "(unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }
}
