package dev.devcaster.operator.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where to call and with which project API key. Passed per call because different namespaces may
 * use different keys (and so different Devcaster projects) through one client. A value: equal when
 * the address and the key are.
 */
public final class DevcasterCredentials {

    private final URI baseUrl;
    private final String apiKey;
    /** Worked out once: every call, cache look-up and rate-limit check asks for it (a SHA-256 each time before). */
    private final String fingerprint;

    /** Strips the key: a Secret made with {@code echo key | kubectl ...} ends in a newline, an invalid header. */
    public DevcasterCredentials(URI baseUrl, String apiKey) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey").strip();
        this.fingerprint = fingerprintOf(this.apiKey);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public String apiKey() {
        return apiKey;
    }

    /**
     * A short, non-reversible id of the API key: safe in logs and metrics, and stable, so it keys
     * caches and the per-key rate limit.
     */
    public String fingerprint() {
        return fingerprint;
    }

    private static String fingerprintOf(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE ships SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DevcasterCredentials that && baseUrl.equals(that.baseUrl) && apiKey.equals(that.apiKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseUrl, apiKey);
    }

    /** Never prints the key: credentials end up in logs and exception messages by accident. */
    @Override
    public String toString() {
        return "DevcasterCredentials[baseUrl=" + baseUrl + ", key=" + fingerprint + "]";
    }
}
