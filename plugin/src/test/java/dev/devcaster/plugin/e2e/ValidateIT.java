package dev.devcaster.plugin.e2e;

import dev.devcaster.operator.testing.EndToEndTest;
import dev.devcaster.operator.testing.RepoPaths;
import dev.devcaster.operator.testing.TriggerAwait;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.plugin.testing.PluginRun;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kubectl devcaster validate}: the live trigger types and the operator's own validation,
 * without a cluster: exit 0 on the examples, exit 1 with every failing field per file otherwise,
 * and the same words the operator writes into the Trigger's status.
 */
class ValidateIT extends EndToEndTest {

    private static final String KEY = "dk_validate_3b9e71";

    @TempDir
    Path tmp;

    @Override
    protected String apiKey() {
        return KEY;
    }

    private PluginRun plugin() {
        return new PluginRun().env("DEVCASTER_API_KEY", KEY).env("DEVCASTER_BASE_URL", emulator.baseUrl().toString());
    }

    @Test
    void theExamplesAreValidAndTheInvalidExampleFailsWithItsFieldPath() {
        Path examples = RepoPaths.EXAMPLES;

        PluginRun.Result valid = plugin().run("validate", "-f", examples.resolve("triggers").toString());
        PluginRun.Result invalid = plugin().run("validate", "-f", examples.resolve("invalid").toString());

        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(valid.out().lines()).hasSize(4).allSatisfy(l -> assertThat(l).contains(": valid ("));
        assertThat(valid.err()).contains("4 Triggers in 5 files: 4 valid, 0 invalid (1 other document skipped)");
        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(1);
        assertThat(invalid.out()).isEqualTo(examples.resolve("invalid/github-missing-repo.yaml")
            + ": Trigger broken-config: invalid (GITHUB_COMMIT_EVENT at toolkit version 20250909_00)\n"
            + "  triggerConfig.repo: required\n");
        assertThat(plugin().run("validate", "-f", examples.resolve("triggers").toString(), "-f",
            examples.resolve("invalid").toString()).exitCode()).isEqualTo(1);
    }

    @Test
    void theOperatorSaysTheSameAboutTheInvalidExample() throws Exception {
        Path file = RepoPaths.EXAMPLES.resolve("invalid/github-missing-repo.yaml");
        PluginRun.Result validated = plugin().run("validate", "-f", file.toString());
        try (var op = operator()) {
            apply(Serialization.unmarshal(Files.readString(file), Trigger.class));
            Trigger t = triggers.reason("broken-config", "InvalidConfig");
            String message = TriggerAwait.ready(t).orElseThrow().getMessage();

            assertThat(message).endsWith("GITHUB_COMMIT_EVENT at toolkit version 20250909_00: triggerConfig.repo: required");
            assertThat(validated.out()).contains("(GITHUB_COMMIT_EVENT at toolkit version 20250909_00)\n  triggerConfig.repo: required\n");
        }
    }

    @Test
    void everyFailingFieldOfEveryFileIsListedAndExitIs1() throws Exception {
        Files.writeString(tmp.resolve("a-several.yaml"), """
            apiVersion: devcaster.dev/v1alpha1
            kind: Trigger
            metadata: {name: both-users}
            spec: {slug: GITHUB_COMMIT_EVENT, userId: alice, connectedAccountId: ca_x, triggerConfig: {owner: acme, repo: api}}
            ---
            apiVersion: devcaster.dev/v1alpha1
            kind: Trigger
            metadata: {name: nothing-set}
            spec:
              slug: GITHUB_COMMIT_EVENT
              userId: alice
              triggerConfig: {repo: 7, extra: true}
              toolkitVersion: 20250909_00
              enable: false
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: not-a-trigger}
            """);
        Files.writeString(tmp.resolve("b-types.yaml"), """
            apiVersion: devcaster.dev/v1alpha1
            kind: Trigger
            metadata: {name: no-such-type}
            spec: {slug: GITHUB_TELEPATHY_EVENT, userId: alice}
            ---
            apiVersion: devcaster.dev/v1alpha1
            kind: Trigger
            metadata: {name: not-in-that-version}
            spec: {slug: GITHUB_PULL_REQUEST_EVENT, userId: alice, toolkitVersion: "20250601_00",
                   triggerConfig: {owner: acme, repo: api}}
            ---
            apiVersion: devcaster.dev/v1alpha1
            kind: Trigger
            metadata: {name: old-version-no-branch}
            spec: {slug: GITHUB_COMMIT_EVENT, userId: alice, toolkitVersion: "20250601_00",
                   triggerConfig: {owner: acme, repo: api, branch: main}}
            """);
        Files.writeString(tmp.resolve("c-broken.yaml"), "kind: Trigger\nspec: [unclosed\n");

        PluginRun.Result run = plugin().run("validate", "-f", tmp.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        String a = tmp.resolve("a-several.yaml").toString();
        String b = tmp.resolve("b-types.yaml").toString();
        assertThat(run.out()).contains(a + ": Trigger both-users: invalid (GITHUB_COMMIT_EVENT at toolkit version 20250909_00)\n"
            + "  userId, connectedAccountId: exactly one of userId or connectedAccountId must be set\n");
        assertThat(run.out()).contains(a + ": Trigger nothing-set: invalid\n"
            + "  enable: unknown field\n"
            + "  toolkitVersion: must be latest or a dated version such as \"20250909_00\" (quoted)\n");
        assertThat(run.out()).contains(b + ": Trigger no-such-type: invalid\n  slug: trigger type GITHUB_TELEPATHY_EVENT does "
            + "not exist at toolkit version latest");
        assertThat(run.out()).contains(b + ": Trigger not-in-that-version: invalid\n  slug: trigger type "
            + "GITHUB_PULL_REQUEST_EVENT does not exist at toolkit version 20250601_00");
        // The schema allows properties it does not name (no additionalProperties: false), as Devcaster does.
        assertThat(run.out()).contains(b + ": Trigger old-version-no-branch: valid (GITHUB_COMMIT_EVENT at toolkit version "
            + "20250601_00)\n");
        assertThat(run.out()).contains(tmp.resolve("c-broken.yaml") + ": not valid YAML: ");
        assertThat(run.err()).contains("5 Triggers in 3 files: 1 valid, 4 invalid; 1 file not readable as YAML "
            + "(1 other document skipped)");
    }

    @Test
    void allFieldsOfOneConfigAtOnce() throws Exception {
        Files.writeString(tmp.resolve("t.yaml"), """
            apiVersion: devcaster.dev/v1alpha1
            kind: Trigger
            metadata: {name: two-fields}
            spec: {slug: GITHUB_COMMIT_EVENT, userId: alice, triggerConfig: {repo: 7}}
            """);

        PluginRun.Result run = plugin().run("validate", "-f", tmp.resolve("t.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().lines().skip(1)).containsExactly("  triggerConfig.owner: required",
            "  triggerConfig.repo: integer found, string expected");
    }
}
