package dev.devcaster.operator.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where to call and with which project API key. Passed per call because different namespaces may
 * use different keys (and so different Devcaster projects) through one client.
 */
public record DevcasterCredentials(URI baseUrl, String apiKey) {

    /** Strips the key: a Secret made with {@code echo key | kubectl ...} ends in a newline, an invalid header. */
    public DevcasterCredentials {
        Objects.requireNonNull(baseUrl, "baseUrl");
        apiKey = Objects.requireNonNull(apiKey, "apiKey").strip();
    }

    /**
     * A short, non-reversible id of the API key: safe in logs and metrics, and stable, so it keys
     * caches and the per-key rate limit.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE ships SHA-256", e);
        }
    }

    /** Never prints the key: records end up in logs and exception messages by accident. */
    @Override
    public String toString() {
        return "DevcasterCredentials[baseUrl=" + baseUrl + ", key=" + fingerprint() + "]";
    }
}
