package dev.devcaster.operator.reconcile;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.operator.testing.TriggerAwait;
import dev.devcaster.operator.trigger.DeletionPolicy;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.devcaster.operator.testing.TriggerAwait.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Trigger's author is a tenant and may be hostile: annotations are hints, ids never reach a
 * request path unchecked, and the operator's default key serves only the namespaces it is granted to.
 */
class TenancyIT extends EndToEndTest {

    @Override
    protected String apiKey() {
        return "key-tenancy";
    }

    Trigger hinted(String name, String repo, String triggerId) {
        Trigger t = githubCommits(name, "alice", repo);
        t.getMetadata().setAnnotations(new HashMap<>(Map.of("devcaster.dev/trigger-id", triggerId)));
        return t;
    }

    @Test
    void anotherProjectsTriggerNamedInTheAnnotationIsNeverReplacedNorDeleted() {
        ConnectedAccount alice = account("alice", "github", AccountStatus.ACTIVE, 5);
        String sdkMade = sdkCreate(alice.id(), "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "api"));
        try (var op = operator()) {
            apply(hinted("grabs", "web", sdkMade));

            Trigger t = triggers.ready("grabs");

            assertThat(t.getStatus().getTriggerId()).isNotEqualTo(sdkMade);
            assertThat(events("grabs")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("TriggerIdIgnored"));
            delete("grabs");
            eventually().until(() -> triggers.get("grabs") == null);
        }
        assertThat(remote()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(sdkMade);
            assertThat(i.config()).containsEntry("repo", "api");
        });
    }

    @Test
    void anIdentityAnnotationCopiedFromAnotherTeamsTriggerFindsAndDeletesNothingThere() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        String teamB = ns + "-team-b";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(teamB).endMetadata().build())
            .create();
        Project b = emulator.project("key-tenancy-team-b");
        b.addConnectedAccount("alice", "github", AccountStatus.ACTIVE, Instant.now());
        client.secrets().inNamespace(teamB).resource(apiKeySecret("devcaster", "key-tenancy-team-b")).serverSideApply();
        TriggerAwait teamBTriggers = new TriggerAwait(client, teamB);
        try (var op = operatorBuilder().set(Settings.WATCH_NAMESPACES, ns + "," + teamB).start()) {
            // Team B's Trigger, deleted with Orphan: its instance stays in B's project, recorded by nobody.
            Trigger own = githubCommits("private", "alice", "private");
            own.getSpec().setCredentialsSecretRef(new SecretKeyRef("devcaster", "apiKey"));
            own.getSpec().setDeletionPolicy(DeletionPolicy.Orphan);
            client.resources(Trigger.class).inNamespace(teamB).resource(own).serverSideApply();
            Trigger synced = teamBTriggers.ready("private");
            String orphaned = synced.getStatus().getTriggerId();
            String copied = synced.getMetadata().getAnnotations().get("devcaster.dev/remote-identity");
            client.resources(Trigger.class).inNamespace(teamB).withName("private").delete();
            eventually().until(() -> teamBTriggers.get("private") == null);

            // A tenant of the other namespace copies that signed annotation onto its own Triggers.
            Trigger invalid = githubCommits("copy-invalid", "alice", "api");
            invalid.getSpec().getTriggerConfig().remove("repo");
            invalid.getMetadata().setAnnotations(new HashMap<>(Map.of("devcaster.dev/remote-identity", copied)));
            apply(invalid);
            Trigger valid = githubCommits("copy-valid", "alice", "web");
            valid.getMetadata().setAnnotations(new HashMap<>(Map.of("devcaster.dev/remote-identity", copied)));
            apply(valid);
            triggers.reason("copy-invalid", "InvalidConfig");
            triggers.ready("copy-valid");
            delete("copy-invalid");
            delete("copy-valid");
            eventually().until(() -> triggers.get("copy-invalid") == null && triggers.get("copy-valid") == null);

            assertThat(b.triggers()).extracting(i -> i.id()).containsExactly(orphaned);
            assertThat(remote()).isEmpty();
            assertThat(emulator.requestLog().entries())
                .noneMatch(r -> (r.method().equals("DELETE") || r.method().equals("PATCH")) && orphaned.equals(r.triggerId()));
        }
    }

    @Test
    void aTriggerThatNeverSyncedDeletesNothingItsAnnotationNames() {
        ConnectedAccount alice = account("alice", "github", AccountStatus.ACTIVE, 5);
        String sdkMade = sdkCreate(alice.id(), "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "api"));
        try (var op = operator()) {
            Trigger invalid = hinted("invalid", "api", sdkMade);
            invalid.getSpec().getTriggerConfig().remove("repo");
            apply(invalid);
            triggers.reason("invalid", "InvalidConfig");

            delete("invalid");

            eventually().until(() -> triggers.get("invalid") == null);
        }
        assertThat(remote()).extracting(TriggerInstance::id).containsExactly(sdkMade);
        assertThat(emulator.requestLog().entries()).noneMatch(r -> r.method().equals("DELETE"));
    }

    @Test
    void anAnnotationNamingExactlyWhatTheTriggerDeclaresIsAdoptedWithoutAWrite() {
        ConnectedAccount alice = account("alice", "github", AccountStatus.ACTIVE, 5);
        String sdkMade = sdkCreate(alice.id(), "GITHUB_COMMIT_EVENT", Map.of("owner", "acme", "repo", "api"));
        emulator.requestLog().clear();
        try (var op = operator()) {
            apply(hinted("adopts", "api", sdkMade));

            Trigger t = triggers.ready("adopts");

            assertThat(t.getStatus().getTriggerId()).isEqualTo(sdkMade);
            assertThat(emulator.requestLog().count(UPSERT)).isZero();
        }
        assertThat(remote()).extracting(TriggerInstance::id).containsExactly(sdkMade);
    }

    @Test
    void anOlderPausedCopyCarryingAnotherTriggersIdDoesNotDisturbIt() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            // Older than the owner (created first; "copy" also sorts first within the same second).
            Trigger copy = githubCommits("copy", "alice", "api");
            copy.getMetadata().setAnnotations(new HashMap<>(Map.of("devcaster.dev/paused", "true")));
            apply(copy);
            triggers.reason("copy", "Paused");
            apply(githubCommits("owner", "alice", "api"));
            String id = triggers.ready("owner").getStatus().getTriggerId();
            copy.getMetadata().getAnnotations().put("devcaster.dev/trigger-id", id);
            apply(copy);

            project.deleteTrigger(id); // drift sends the owner through the full sync and its ownership checks

            eventually().until(() -> events("owner").stream().anyMatch(e -> "Recreated".equals(e.getReason())));
            Trigger owner = triggers.ready("owner");
            assertThat(remote()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(owner.getStatus().getTriggerId()));
        }
    }

    @Test
    void idsThatAreNotDevcasterIdsNeverReachARequestPath() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        try (var op = operator()) {
            apply(hinted("sneaky", "api", "../../connected_accounts"));
            apply(hinted("sneakier", "web", "ti_1/../../../x"));

            triggers.ready("sneaky");
            triggers.ready("sneakier");
        }
        assertThat(emulator.requestLog().entries()).allSatisfy(r -> assertThat(r.path()).doesNotContain(".."));
        Trigger pinnedBadly = githubCommits("pinned", null, "api");
        pinnedBadly.getSpec().setConnectedAccountId("ca_x/../../trigger_instances");
        assertThatThrownBy(() -> apply(pinnedBadly)).isInstanceOfSatisfying(KubernetesClientException.class,
            e -> assertThat(e.getCode()).isEqualTo(422));
    }

    @Test
    void theDefaultKeyServesOnlyTheNamespacesItIsGrantedTo() {
        account("alice", "github", AccountStatus.ACTIVE, 5);
        String other = ns + "-other";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(other).endMetadata().build())
            .create();
        try (var op = operatorBuilder().set(Settings.WATCH_NAMESPACES, ns + "," + other).start()) {
            apply(githubCommits("granted", "alice", "api"));
            client.resources(Trigger.class).inNamespace(other).resource(githubCommits("not-granted", "alice", "web"))
                .serverSideApply();

            triggers.ready("granted");
            Trigger refused = new TriggerAwait(client, other).reason("not-granted", "CredentialsNotFound");

            assertThat(TriggerAwait.ready(refused).orElseThrow().getMessage())
                .contains("not granted to namespace " + other).contains("DEFAULT_API_KEY_NAMESPACES")
                .contains("credentialsSecretRef");
            assertThat(remote()).hasSize(1);
            eventually().during(Duration.ofSeconds(2)).until(() -> remote().size() == 1);
        }
    }
}
