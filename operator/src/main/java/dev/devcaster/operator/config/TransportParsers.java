package dev.devcaster.operator.config;

import dev.devcaster.operator.client.TrustBundle;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/** How the proxy and CA bundle settings of the Devcaster calls are read; each failure says what was expected. */
final class TransportParsers {

    private TransportParsers() {
    }

    /** {@code http://host:port} (an HTTP forward proxy; HTTPS goes through it with CONNECT), or none. */
    static Optional<URI> proxy(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            URI uri = new URI(trimmed);
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException("'" + raw.replace(uri.getRawUserInfo(), "***")
                    + "': proxy credentials are not supported");
            }
            if ("http".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + raw + "' is not an HTTP proxy URL http://HOST:PORT");
    }

    /** A readable PEM file, or folder of {@code .pem}/{@code .crt} files, with at least one certificate; or none. */
    static Optional<Path> caBundle(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Path path = Path.of(raw);
        TrustBundle.read(path); // throws IllegalArgumentException saying what is wrong
        return Optional.of(path);
    }
}
