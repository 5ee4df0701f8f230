package dev.devcaster.operator.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.operator.install.FluxHealth.Status;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerConditions;
import dev.devcaster.operator.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flux health check of examples/flux/kustomization.yaml, evaluated by a CEL interpreter the
 * way Flux evaluates it, on Triggers in every state the operator writes. kstatus alone (Flux
 * without the expressions) calls a Trigger without status, or a paused one, Current.
 */
class FluxHealthChecksTest {

    static final Path KUSTOMIZATION = RepoPaths.EXAMPLES.resolve("flux/kustomization.yaml");
    static final FluxHealth FLUX = FluxHealth.fromKustomization(KUSTOMIZATION, "devcaster.dev/v1alpha1", "Trigger");

    @Test
    void theExpressionsAreForTheTriggerOfTheCrd() {
        CustomResourceDefinition crd = (CustomResourceDefinition) Manifests.read(
            RepoPaths.ROOT.resolve("crds/triggers.devcaster.dev.yaml")).get(0);

        assertThat(crd.getSpec().getGroup() + "/" + crd.getSpec().getVersions().get(0).getName()).isEqualTo("devcaster.dev/v1alpha1");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("Trigger");
    }

    @Test
    void aTriggerTheOperatorHasNotLookedAtIsNotCurrent() {
        Map<String, Object> fresh = trigger(1, null);

        assertThat(FluxHealth.kstatus(fresh)).as("kstatus alone").isEqualTo(Status.Current);
        assertThat(FLUX.evaluate(fresh)).isEqualTo(Status.Unknown); // Flux keeps waiting
        // A status without conditions yet (only a generation written) waits too.
        assertThat(FLUX.evaluate(trigger(1, Map.of("observedGeneration", 1)))).isEqualTo(Status.InProgress);
    }

    @Test
    void aPausedTriggerIsNotCurrent() {
        Map<String, Object> paused = trigger(3, status(3, condition("Ready", "False", "Paused", 3)));

        assertThat(FluxHealth.kstatus(paused)).as("kstatus alone").isEqualTo(Status.Current);
        assertThat(FLUX.evaluate(paused)).isEqualTo(Status.InProgress);
    }

    @Test
    void anOlderGenerationIsInProgressEvenWhenItWasSynced() {
        assertThat(FLUX.evaluate(trigger(2, status(1, condition("Ready", "True", "Synced", 1))))).isEqualTo(Status.InProgress);
        // The top-level generation is current but the Ready condition describes an older one.
        assertThat(FLUX.evaluate(trigger(2, status(2, condition("Ready", "True", "Synced", 1))))).isEqualTo(Status.InProgress);
        assertThat(FLUX.evaluate(trigger(2, status(2, condition("Ready", "False", "InvalidConfig", 1),
            condition("Stalled", "True", "InvalidConfig", 1))))).isEqualTo(Status.InProgress);
    }

    @Test
    void syncedIsCurrentStalledIsFailedReconcilingIsInProgress() {
        assertThat(FLUX.evaluate(trigger(2, status(2, condition("Ready", "True", "Synced", 2))))).isEqualTo(Status.Current);
        assertThat(FLUX.evaluate(trigger(2, status(2, condition("Ready", "False", "InvalidConfig", 2),
            condition("Stalled", "True", "InvalidConfig", 2))))).isEqualTo(Status.Failed);
        assertThat(FLUX.evaluate(trigger(2, status(2, condition("Ready", "False", "RemoteError", 2),
            condition("Reconciling", "True", "RemoteError", 2))))).isEqualTo(Status.InProgress);
    }

    /** Every reason, with the conditions the operator's own code writes for it. */
    @ParameterizedTest
    @EnumSource(ReadyReason.class)
    void everyReasonTheOperatorWritesMapsToTheRightHealth(ReadyReason reason) {
        ObjectMapper json = new ObjectMapper();
        List<Object> conditions = json.convertValue(
            TriggerConditions.next(List.of(), reason, "message", 4, Instant.parse("2026-01-01T00:00:00Z")), List.class);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", 4);
        status.put("conditions", conditions);

        Status expected = switch (reason.outlook()) {
            case DONE -> reason == ReadyReason.Synced ? Status.Current : Status.InProgress; // Paused waits
            case WAIT -> Status.InProgress;
            case FIX -> Status.Failed;
        };
        assertThat(FLUX.evaluate(trigger(4, status))).isEqualTo(expected);
    }

    static Map<String, Object> trigger(long generation, Map<String, Object> status) {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("apiVersion", "devcaster.dev/v1alpha1");
        trigger.put("kind", "Trigger");
        trigger.put("metadata", Map.of("name", "repo-commits", "namespace", "team-a", "generation", generation));
        trigger.put("spec", Map.of("slug", "GITHUB_COMMIT_EVENT", "userId", "alice",
            "triggerConfig", Map.of("owner", "acme", "repo", "api")));
        if (status != null) {
            trigger.put("status", status);
        }
        return trigger;
    }

    static Map<String, Object> status(long observedGeneration, Map<?, ?>... conditions) {
        return Map.of("observedGeneration", observedGeneration, "conditions", List.of(conditions));
    }

    static Map<String, Object> condition(String type, String status, String reason, long observedGeneration) {
        return Map.of("type", type, "status", status, "reason", reason, "message", "...",
            "observedGeneration", observedGeneration, "lastTransitionTime", "2026-01-01T00:00:00Z");
    }
}
