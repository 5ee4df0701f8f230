package dev.devcaster.operator.client;

/** What an API key may contain: it travels in an HTTP header, so visible ASCII only. */
public final class ApiKeys {

    private ApiKeys() {
    }

    public static boolean usableInHeader(String apiKey) {
        return !apiKey.isEmpty() && apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
