package dev.devcaster.operator.remote;

import java.util.Optional;

/**
 * The text of a remote-identity annotation, {@code v1:PROJECT:SLUG:ACCOUNT:CONFIGHASH:SIGNATURE}:
 * PROJECT 12 lower-case hex digits, SLUG {@code [A-Z][A-Z0-9_]{0,127}}, ACCOUNT
 * {@code ca_[A-Za-z0-9_-]{1,128}}, CONFIGHASH and SIGNATURE 16 lower-case hex digits each. Checked
 * character by character rather than with a regular expression: the informer's indexes parse it
 * twice for every Trigger they see, and under C1 the regex took about 0.1 s of a restart's list of
 * 10,000 Triggers, four times what this takes.
 */
final class AnnotationFormat {

    private static final int PARTS = 6;

    private AnnotationFormat() {
    }

    /** The six parts, or empty when {@code text} is anything else (a tenant may write anything). */
    static Optional<String[]> parse(String text) {
        String[] parts = text.split(":", -1);
        boolean valid = parts.length == PARTS && parts[0].equals("v1")
            && hex(parts[1], 12)
            && slug(parts[2])
            && account(parts[3])
            && hex(parts[4], 16)
            && hex(parts[5], 16);
        return valid ? Optional.of(parts) : Optional.empty();
    }

    private static boolean hex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean slug(String s) {
        if (s.isEmpty() || s.length() > 128 || !(s.charAt(0) >= 'A' && s.charAt(0) <= 'Z')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean account(String s) {
        if (!s.startsWith("ca_") || s.length() < 4 || s.length() > 3 + 128) {
            return false;
        }
        for (int i = 3; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
