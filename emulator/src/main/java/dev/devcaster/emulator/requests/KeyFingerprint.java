package dev.devcaster.emulator.requests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A short, non-secret name for an API key, so logs can tell keys apart without leaking them. */
public final class KeyFingerprint {

    private KeyFingerprint() {
    }

    public static String of(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return "-";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return "key-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
