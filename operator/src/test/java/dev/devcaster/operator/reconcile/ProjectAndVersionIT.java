package dev.devcaster.operator.reconcile;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.requests.RequestRecord;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.operator.testing.TriggerAwait;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.devcaster.operator.testing.TriggerAwait.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The project (API key) and the toolkit version a remote trigger lives at are tracked and acted on. */
class ProjectAndVersionIT extends EndToEndTest {

    static final String OTHER_KEY = "key-other-project";

    @Override
    protected String apiKey() {
        return "key-first-project";
    }

    Trigger withSecret(String name, String repo) {
        Trigger t = githubCommits(name, "alice", repo);
        t.getSpec().setCredentialsSecretRef(new SecretKeyRef("devcaster", "apiKey"));
        return t;
    }

    void secret(String apiKey) {
        client.secrets().inNamespace(ns).resource(apiKeySecret("devcaster", apiKey)).serverSideApply();
    }

    @Test
    void aKeyOfAnotherProjectMovesTheTriggerAndDeletesTheOldInstanceWithTheOldKey() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        Project other = emulator.project(OTHER_KEY);
        other.addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
        secret(apiKey());
        // No drift sweep during the test: the Secret's change itself must start the move.
        try (var op = operatorBuilder().set(Settings.RESYNC_PERIOD, "10m").start()) {
            apply(withSecret("moves", "api"));
            Trigger before = triggers.ready("moves");
            String firstProject = before.getStatus().getProject();

            secret(OTHER_KEY);

            eventually().until(() -> !firstProject.equals(triggers.get("moves").getStatus().getProject()));
            Trigger after = triggers.ready("moves");
            assertThat(remote()).isEmpty();
            assertThat(other.triggers()).singleElement()
                .satisfies(i -> assertThat(i.id()).isEqualTo(after.getStatus().getTriggerId()));
            assertThat(events("moves")).anySatisfy(e -> {
                assertThat(e.getReason()).isEqualTo("Deleted");
                assertThat(e.getMessage()).contains(before.getStatus().getTriggerId()).contains("previous project");
            });
        }
    }

    @Test
    void aRotatedKeyOfTheSameProjectKeepsTheInstance() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        emulator.addKey("key-first-project-rotated", apiKey());
        secret(apiKey());
        try (var op = operatorBuilder().set(Settings.RESYNC_PERIOD, "10m").start()) {
            apply(withSecret("rotates", "api"));
            String id = triggers.ready("rotates").getStatus().getTriggerId();
            String firstProject = triggers.get("rotates").getStatus().getProject();

            secret("key-first-project-rotated");
            emulator.revokeKey(apiKey());

            eventually().until(() -> !firstProject.equals(triggers.get("rotates").getStatus().getProject()));
            assertThat(triggers.ready("rotates").getStatus().getTriggerId()).isEqualTo(id);
            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(id));
        }
    }

    @Test
    void aSwitchWhoseOldKeyIsRejectedStopsInsteadOfCountingTheOtherProjectsNotFoundAsDeleted() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        Project first = project;
        Project other = emulator.project(OTHER_KEY);
        other.addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
        secret(apiKey());
        try (var op = operator()) {
            apply(withSecret("stuck", "api"));
            String id = triggers.ready("stuck").getStatus().getTriggerId();

            // Both changes land between two reconciles: paused, the operator looks at neither.
            Trigger paused = withSecret("stuck", "api");
            paused.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of("devcaster.dev/paused", "true")));
            apply(paused);
            triggers.reason("stuck", "Paused");
            emulator.revokeKey(apiKey());
            secret(OTHER_KEY);
            apply(withSecret("stuck", "api"));

            // Secrets are read by name and shared for a few seconds: the new key shows within that.
            eventually().until(() -> TriggerAwait.ready(triggers.get("stuck")).map(c -> c.getMessage())
                .filter(m -> m.contains(id) && m.contains("previous API key")).isPresent());
            Trigger stuck = triggers.reason("stuck", "CredentialsRejected");
            eventually().during(Duration.ofSeconds(3)).until(() -> other.triggers().isEmpty());
            assertThat(first.triggers()).extracting(i -> i.id()).containsExactly(id);

            emulator.reinstateKey(apiKey(), first);
            triggers.ready("stuck");
            assertThat(first.triggers()).isEmpty();
            assertThat(other.triggers()).hasSize(1);
        }
    }

    @Test
    void aNewToolkitVersionIsUpsertedAndTheStatusNeverClaimsAVersionItIsNotOn() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("versioned", "alice", "api"));
            Trigger latest = triggers.ready("versioned");
            assertThat(latest.getStatus().getToolkitVersion()).isEqualTo("20250909_00");
            emulator.requestLog().clear();

            Trigger pinned = githubCommits("versioned", "alice", "api");
            pinned.getSpec().setToolkitVersion("20250601_00");
            apply(pinned);

            eventually().until(() -> "20250601_00".equals(triggers.get("versioned").getStatus().getToolkitVersion()));
            List<RequestRecord> upserts = emulator.requestLog().entries().stream()
                .filter(r -> r.endpoint().equals(UPSERT)).toList();
            assertThat(upserts).hasSize(1);
            assertThat(triggers.ready("versioned").getStatus().getTriggerId()).isEqualTo(latest.getStatus().getTriggerId());
        }
    }

    @Test
    void anOperatorDefaultVersionChangeIsUpsertedToo() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(githubCommits("defaults", "alice", "api"));
            assertThat(triggers.ready("defaults").getStatus().getToolkitVersion()).isEqualTo("20250909_00");
        }
        emulator.requestLog().clear();
        try (var op = operatorBuilder().set(Settings.DEFAULT_TOOLKIT_VERSIONS, "github=20250601_00").start()) {
            eventually().until(() -> "20250601_00".equals(triggers.get("defaults").getStatus().getToolkitVersion()));
            assertThat(emulator.requestLog().count(UPSERT)).isEqualTo(1);
        }
    }
}
