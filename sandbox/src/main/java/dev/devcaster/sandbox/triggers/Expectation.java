package dev.devcaster.sandbox.triggers;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a Trigger the sandbox applied should end up: manifests in a folder named {@code invalid} are
 * meant to fail (Ready=False, Stalled: "fix it"); every other one is meant to be Ready, Enabled or
 * Disabled as its spec says.
 */
public record Expectation(String name, Path source, boolean shouldFail) {

    public static Expectation forManifest(String name, Path source) {
        boolean invalid = false;
        for (Path part : source.toAbsolutePath().normalize()) {
            invalid |= part.toString().equals("invalid");
        }
        return new Expectation(name, source, invalid);
    }

    /** Empty when the settled Trigger is as expected, else what differs. */
    Optional<String> mismatch(TriggerSnapshot t) {
        if (shouldFail) {
            if (t.isReady()) {
                return Optional.of(name + " is meant to fail validation (" + source + ") but is Ready");
            }
            return t.stalled() ? Optional.empty()
                : Optional.of(name + " is meant to fail with a reason to fix (Stalled) but is " + t.reason());
        }
        if (!t.isReady()) {
            return Optional.of(name + " is meant to be Ready but is " + t.reason() + ": " + t.message());
        }
        String state = t.enabledInSpec() ? "Enabled" : "Disabled";
        return state.equals(t.state()) ? Optional.empty()
            : Optional.of(name + " is meant to be " + state + " (spec.enabled) but is " + t.state());
    }
}
