package dev.devcaster.sandbox.devcaster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.emulator.state.SeedDocument;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The emulator's demo project ({@code demo-seed.json}): API key {@value #API_KEY}; alice with
 * GitHub, Slack and Gmail, bob with two GitHub accounts, carol with an expired one.
 */
public final class DemoSeed {

    public static final String API_KEY = "dk_sandbox";
    static final String USERS = "alice: GitHub, Slack, Gmail; bob: two GitHub accounts; carol: an expired GitHub account";

    private DemoSeed() {
    }

    static SeedDocument load() {
        try (InputStream in = DemoSeed.class.getResourceAsStream("demo-seed.json")) {
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(Objects.requireNonNull(in, "demo-seed.json"), SeedDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
