package dev.devcaster.plugin.devcaster;

import dev.devcaster.operator.client.DevcasterClient;
import dev.devcaster.operator.client.DevcasterClientConfig;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.plugin.cluster.ClusterAccess;
import dev.devcaster.plugin.cluster.ClusterOptions;
import dev.devcaster.plugin.terminal.ExitCode;
import dev.devcaster.plugin.terminal.PluginException;
import dev.devcaster.plugin.terminal.Terminal;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Devcaster is and which project API key to use. The key comes from a Secret
 * ({@code --api-key-secret}), else {@code DEVCASTER_API_KEY}, else a prompt that does not echo; it is
 * never an option value (it would show in the shell history and the process list) and never printed.
 */
public final class DevcasterOptions {

    static final String DEFAULT_BASE_URL = "https://backend.devcaster.dev";
    private static final Pattern SECRET = Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?)/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)(:(.+))?");

    @Option(names = "--base-url", paramLabel = "URL",
        description = "Devcaster API base URL (default: $DEVCASTER_BASE_URL, else " + DEFAULT_BASE_URL + ").")
    URI baseUrl;

    @Option(names = "--api-key-secret", paramLabel = "NAMESPACE/NAME[:KEY]",
        description = "Read the project API key from this Secret (key apiKey unless :KEY), with the kubeconfig's "
            + "credentials. Default: $DEVCASTER_API_KEY, else a prompt that does not echo.")
    String apiKeySecret;

    /** The client and the key, ready to call; the cluster is asked only for {@code --api-key-secret}. */
    public DevcasterSession open(Terminal terminal, ClusterOptions cluster) {
        URI url = baseUrl != null ? baseUrl : terminal.env("DEVCASTER_BASE_URL").map(URI::create)
            .orElse(URI.create(DEFAULT_BASE_URL));
        if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            throw new PluginException("--base-url / DEVCASTER_BASE_URL must be an http(s) URL, was " + url, ExitCode.USAGE);
        }
        DevcasterClientConfig config = DevcasterClientConfig.defaults();
        config = terminal.env("DEVCASTER_PROXY").map(URI::create).map(config::withProxy).orElse(config);
        config = terminal.env("DEVCASTER_CA_BUNDLE").map(Path::of).map(config::withCaBundle).orElse(config);
        return new DevcasterSession(new DevcasterClient(config), new DevcasterCredentials(url, apiKey(terminal, cluster)));
    }

    private String apiKey(Terminal terminal, ClusterOptions cluster) {
        if (apiKeySecret != null) {
            Matcher m = SECRET.matcher(apiKeySecret);
            if (!m.matches()) {
                throw new PluginException("--api-key-secret must be NAMESPACE/NAME or NAMESPACE/NAME:KEY, was "
                    + apiKeySecret, ExitCode.USAGE);
            }
            String key = m.group(6) == null ? SecretKeyRef.DEFAULT_KEY : m.group(6);
            try (ClusterAccess access = cluster.require(terminal, "--api-key-secret")) {
                return nonBlank(access.secretValue(m.group(1), m.group(3), key),
                    "Secret " + m.group(1) + "/" + m.group(3) + " key " + key);
            }
        }
        var fromEnv = terminal.env("DEVCASTER_API_KEY");
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        char[] typed = terminal.askSecret("Devcaster API key (not shown): ").orElseThrow(() -> new PluginException(
            "no Devcaster API key: set DEVCASTER_API_KEY, pass --api-key-secret NAMESPACE/NAME, or run it on a terminal "
                + "to be asked for it", ExitCode.USAGE));
        return nonBlank(new String(typed), "the key typed");
    }

    private static String nonBlank(String key, String where) {
        if (key.isBlank()) {
            throw new PluginException(where + " is empty: no Devcaster API key");
        }
        return key;
    }
}
