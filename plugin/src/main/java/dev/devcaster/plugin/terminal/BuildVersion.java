package dev.devcaster.plugin.terminal;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version}: the project's version and revision, from the operator's build info (one version for both). */
public final class BuildVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties info = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("/dev/devcaster/operator/build-info.properties")) {
            if (in != null) {
                info.load(in);
            }
        }
        return new String[] {"kubectl-devcaster " + info.getProperty("version", "unknown") + " (revision "
            + info.getProperty("revision", "unknown") + ")"};
    }
}
