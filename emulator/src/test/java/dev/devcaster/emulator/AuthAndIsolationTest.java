package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import org.junit.jupiter.api.Test;

class AuthAndIsolationTest extends EmulatorTestSupport {

    @Test
    void missingKeyIsRejectedWithTheEnvelope() {
        Response response = get("/api/v3/trigger_instances/active", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("error").path("status").asInt()).isEqualTo(401);
        assertThat(response.json().path("error").path("code").isNumber()).isTrue();
        assertThat(response.json().path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void unknownKeyIsRejectedUntilAProjectExistsForIt() {
        assertThat(get("/api/v3.1/connected_accounts", "nobody").status()).isEqualTo(401);

        emulator.project("nobody");

        assertThat(get("/api/v3.1/connected_accounts", "nobody").status()).isEqualTo(200);
    }

    @Test
    void projectsDoNotSeeEachOther() {
        ConnectedAccount a = emulator.project("key-a").addConnectedAccount("u1", "github", AccountStatus.ACTIVE, T0);
        emulator.project("key-b").addConnectedAccount("u1", "github", AccountStatus.ACTIVE, T0);
        String body = "{\"connected_account_id\":\"" + a.id() + "\",\"trigger_config\":{\"owner\":\"o\",\"repo\":\"r\"}}";

        assertThat(post("/api/v3/trigger_instances/GITHUB_STAR_ADDED_EVENT/upsert", "key-a", body).status()).isEqualTo(201);
        assertThat(post("/api/v3/trigger_instances/GITHUB_STAR_ADDED_EVENT/upsert", "key-b", body).status()).isEqualTo(400);

        assertThat(get("/api/v3/trigger_instances/active", "key-a").json().path("total_items").asInt()).isEqualTo(1);
        assertThat(get("/api/v3/trigger_instances/active", "key-b").json().path("total_items").asInt()).isZero();
        assertThat(get("/api/v3/connected_accounts/" + a.id(), "key-b").status()).isEqualTo(404);
        assertThat(emulator.project("key-b").triggers()).isEmpty();
    }

    @Test
    void aSecondKeyOfAProjectSeesItsDataAndARevokedKeyIsRejected() {
        var project = emulator.project("key-old");
        project.addConnectedAccount("u1", "github", AccountStatus.ACTIVE, T0);

        emulator.addKey("key-new", "key-old");
        assertThat(get("/api/v3/connected_accounts", "key-new").json().path("total_items").asInt()).isEqualTo(1);

        emulator.revokeKey("key-old");
        assertThat(get("/api/v3/connected_accounts", "key-old").status()).isEqualTo(401);
        assertThat(get("/api/v3/connected_accounts", "key-new").status()).isEqualTo(200);

        emulator.reinstateKey("key-old", project);
        assertThat(get("/api/v3/connected_accounts", "key-old").status()).isEqualTo(200);
    }
}
