package dev.devcaster.emulator.api;

/** The two path prefixes the public API is served under; they differ only in the page-size cap. */
public enum ApiVersion {
    V3("/api/v3", 1000),
    V3_1("/api/v3.1", 50);

    private final String prefix;
    private final int maxLimit;

    ApiVersion(String prefix, int maxLimit) {
        this.prefix = prefix;
        this.maxLimit = maxLimit;
    }

    public String prefix() {
        return prefix;
    }

    public int maxLimit() {
        return maxLimit;
    }
}
