package dev.devcaster.sandbox.devcaster;

import dev.devcaster.sandbox.output.Console;

import java.net.URI;

/** The real Devcaster service: nothing to start, only announced before the operator uses it. */
public final class RealDevcaster implements Devcaster {

    private final URI baseUrl;
    private final String apiKey;
    private final Console console;

    public RealDevcaster(URI baseUrl, String apiKey, Console console) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.console = console;
    }

    @Override
    public void start() {
        console.step("using the real Devcaster service at " + baseUrl + " (API key from $DEVCASTER_API_KEY)");
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public String apiKey() {
        return apiKey;
    }

    @Override
    public boolean emulated() {
        return false;
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
