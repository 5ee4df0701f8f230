package dev.devcaster.emulator.store;

import java.util.concurrent.ThreadLocalRandom;

/** Random URL-safe ids with Devcaster's prefixes (ti_, ca_, ac_); unique enough, not secret. */
public final class Ids {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {
    }

    public static String next(String prefix) {
        char[] chars = new char[12];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[ThreadLocalRandom.current().nextInt(ALPHABET.length)];
        }
        return prefix + new String(chars);
    }
}
