package dev.devcaster.sandbox.triggers;

import java.util.List;

/**
 * The Triggers the sandbox applied, each with how it should end up.
 *
 * @param rejectedUnexpectedly manifests the API server refused although they were not meant to fail
 * @param refusedAsIntended    Triggers meant to fail that the API server refused at apply (the admission
 *                             webhook), so they never reached the cluster
 */
public record AppliedTriggers(List<Expectation> expected, List<String> rejectedUnexpectedly,
                             List<String> refusedAsIntended) {

    public static final AppliedTriggers NONE = new AppliedTriggers(List.of(), List.of(), List.of());
}
