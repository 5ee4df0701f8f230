package dev.devcaster.sandbox.triggers;

import java.util.List;

/**
 * The Triggers the sandbox applied, each with how it should end up.
 *
 * @param rejectedUnexpectedly manifests the API server refused although they were not meant to fail
 */
public record AppliedTriggers(List<Expectation> expected, List<String> rejectedUnexpectedly) {

    public static final AppliedTriggers NONE = new AppliedTriggers(List.of(), List.of());
}
