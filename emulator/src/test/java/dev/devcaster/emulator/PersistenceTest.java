package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.model.MatchKeyMode;
import dev.devcaster.emulator.store.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    @TempDir
    Path dir;

    @Test
    void stateSurvivesARestart() throws Exception {
        Path dataFile = dir.resolve("state.json");
        String triggerId;
        ConnectedAccount account;
        try (DevcasterEmulator first = DevcasterEmulator.start(EmulatorConfig.defaults().withDataFile(dataFile))) {
            Project project = first.project("persisted");
            account = project.addConnectedAccount("u1", "notion", AccountStatus.ACTIVE, EmulatorTestSupport.T0);
            triggerId = project.upsert(first.catalog().find("NOTION_PAGE_ADDED_TO_DATABASE",
                            dev.devcaster.emulator.catalog.ToolkitVersions.latest()).orElseThrow(),
                    account.id(), null, java.util.Map.of("database_id", "db", "interval", 1)).triggerId();
            project.disableTrigger(triggerId);
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dataFile)
                    && Files.readString(dataFile).contains(triggerId));
        }

        try (DevcasterEmulator second = DevcasterEmulator.start(EmulatorConfig.defaults().withDataFile(dataFile))) {
            Project project = second.existingProject("persisted").orElseThrow();
            assertThat(project.connectedAccount(account.id())).contains(account);
            assertThat(project.trigger(triggerId)).hasValueSatisfying(t -> {
                assertThat(t.enabled()).isFalse();
                assertThat(t.config()).containsEntry("database_id", "db");
            });
        }
        assertThat(Files.list(dir)).containsExactly(dataFile);
    }

    @Test
    void seedFileIsAppliedAtStart() throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, """
                {"match_key_mode": "slug_and_account",
                 "projects": [{"api_key": "from-seed",
                   "connected_accounts": [{"id": "ca_1", "user_id": "u1", "toolkit_slug": "gmail"}]}]}
                """);

        try (DevcasterEmulator emulator = DevcasterEmulator.start(EmulatorConfig.defaults().withSeed(seed))) {
            assertThat(emulator.existingProject("from-seed").orElseThrow().connectedAccount("ca_1"))
                    .hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(AccountStatus.ACTIVE));
            assertThat(emulator.faults().currentMatchKeyMode()).isEqualTo(MatchKeyMode.SLUG_AND_ACCOUNT);
        }
    }
}
