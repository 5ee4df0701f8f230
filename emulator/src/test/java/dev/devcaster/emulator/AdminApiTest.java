package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devcaster.emulator.model.MatchKeyMode;
import org.junit.jupiter.api.Test;

class AdminApiTest extends EmulatorTestSupport {

    private static final String SEED = """
            {"projects": [{"api_key": "seeded-key",
              "auth_configs": [{"id": "ac_github1", "toolkit_slug": "github"}],
              "connected_accounts": [
                {"id": "ca_old", "user_id": "u1", "toolkit_slug": "github", "auth_config_id": "ac_github1",
                 "status": "ACTIVE", "created_at": "2025-01-01T00:00:00Z"},
                {"id": "ca_new", "user_id": "u1", "toolkit_slug": "github", "status": "ACTIVE",
                 "created_at": "2025-02-01T00:00:00Z"}]}]}
            """;

    @Test
    void seedMakesTheKeyKnownWithItsAccounts() {
        assertThat(admin("POST", "/_emulator/seed", SEED).status()).isEqualTo(200);

        JsonNode accounts = get("/api/v3/connected_accounts", "seeded-key").json();
        assertThat(accounts.path("items")).extracting(a -> a.path("id").asText()).containsExactly("ca_new", "ca_old");
        assertThat(accounts.path("items").get(1).path("auth_config").path("id").asText()).isEqualTo("ac_github1");
    }

    @Test
    void drivesAccountsAndTriggersOutOfBand() {
        admin("POST", "/_emulator/seed", SEED);
        String triggerId = post("/api/v3/trigger_instances/GITHUB_COMMIT_EVENT/upsert", "seeded-key",
                "{\"user_id\":\"u1\",\"trigger_config\":{\"owner\":\"o\",\"repo\":\"r\"}}").triggerId();

        assertThat(admin("PUT", "/_emulator/projects/seeded-key/connected_accounts/ca_new/status", "{\"status\":\"EXPIRED\"}")
                .json().path("status").asText()).isEqualTo("EXPIRED");
        assertThat(admin("POST", "/_emulator/projects/seeded-key/triggers/" + triggerId + "/disable", null).status()).isEqualTo(200);
        assertThat(admin("PUT", "/_emulator/projects/seeded-key/triggers/" + triggerId + "/config",
                "{\"owner\":\"o\",\"repo\":\"drifted\"}").status()).isEqualTo(200);

        JsonNode triggers = admin("GET", "/_emulator/projects/seeded-key/triggers", null).json();
        assertThat(triggers).hasSize(1);
        assertThat(triggers.get(0).path("config").path("repo").asText()).isEqualTo("drifted");
        assertThat(triggers.get(0).path("disabled_at").isNull()).isFalse();

        assertThat(admin("DELETE", "/_emulator/projects/seeded-key/triggers/" + triggerId, null).status()).isEqualTo(204);
        assertThat(admin("DELETE", "/_emulator/projects/seeded-key/triggers/" + triggerId, null).status()).isEqualTo(404);
        assertThat(admin("DELETE", "/_emulator/projects/seeded-key/connected_accounts/ca_old", null).status()).isEqualTo(204);
        assertThat(admin("GET", "/_emulator/projects/unknown/triggers", null).status()).isEqualTo(404);
    }

    @Test
    void addsAccountsAndSetsFaultsOverHttp() {
        Response account = admin("POST", "/_emulator/projects/k2/connected_accounts",
                "{\"user_id\":\"u9\",\"toolkit_slug\":\"slack\",\"status\":\"REVOKED\",\"created_at\":\"2025-03-01T00:00:00Z\"}");
        assertThat(account.status()).isEqualTo(201);
        assertThat(account.json().path("id").asText()).startsWith("ca_");

        admin("POST", "/_emulator/faults", "{\"fail_next\":{\"count\":1,\"status\":500},\"match_key_mode\":\"slug-and-account\"}");
        assertThat(get("/api/v3/connected_accounts", "k2").status()).isEqualTo(500);
        assertThat(get("/api/v3/connected_accounts", "k2").json().path("items").get(0).path("status").asText()).isEqualTo("REVOKED");
        assertThat(emulator.faults().currentMatchKeyMode()).isEqualTo(MatchKeyMode.SLUG_AND_ACCOUNT);

        JsonNode counters = admin("GET", "/_emulator/counters", null).json();
        assertThat(counters.path("GET /api/v3/connected_accounts").asLong()).isEqualTo(2);
        assertThat(admin("GET", "/_emulator/requests?limit=1", null).json()).hasSize(1);

        admin("DELETE", "/_emulator/faults", null);
        assertThat(emulator.faults().currentMatchKeyMode()).isEqualTo(MatchKeyMode.CONFIG);
        assertThat(admin("POST", "/_emulator/reset", null).status()).isEqualTo(200);
        assertThat(get("/api/v3/connected_accounts", "k2").status()).isEqualTo(401);
    }
}
