package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.AuthConfig;
import dev.devcaster.emulator.model.ConnectedAccount;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectedAccountsTest extends EmulatorTestSupport {

    private ConnectedAccount oldest;
    private ConnectedAccount middle;
    private ConnectedAccount newest;

    @BeforeEach
    void seed() {
        middle = project.addConnectedAccount("u1", "github", AccountStatus.ACTIVE, T0.plusSeconds(60));
        oldest = project.addConnectedAccount("u1", "github", AccountStatus.EXPIRED, T0);
        newest = project.addConnectedAccount("u2", "slack", AccountStatus.ACTIVE, T0.plusSeconds(120));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void defaultOrderIsCreatedAtDescending() {
        assertThat(ids(get("/api/v3/connected_accounts").json())).containsExactly(newest.id(), middle.id(), oldest.id());
        assertThat(ids(get("/api/v3/connected_accounts?order_direction=asc").json()))
                .containsExactly(oldest.id(), middle.id(), newest.id());
    }

    @Test
    void updatedAtOrderFollowsStatusChanges() {
        project.setAccountStatus(oldest.id(), AccountStatus.ACTIVE);

        assertThat(ids(get("/api/v3/connected_accounts?order_by=updated_at").json()).get(0)).isEqualTo(oldest.id());
    }

    @Test
    void filtersByStatusUserAndToolkit() {
        assertThat(ids(get("/api/v3/connected_accounts?statuses=ACTIVE").json())).containsExactly(newest.id(), middle.id());
        assertThat(ids(get("/api/v3/connected_accounts?statuses=EXPIRED,REVOKED").json())).containsExactly(oldest.id());
        assertThat(ids(get("/api/v3/connected_accounts?user_ids=u1&toolkit_slugs=github").json()))
                .containsExactly(middle.id(), oldest.id());
        assertThat(ids(get("/api/v3/connected_accounts?toolkit_slugs=slack&toolkit_slugs=gmail").json()))
                .containsExactly(newest.id());
        assertThat(ids(get("/api/v3/connected_accounts?connected_account_ids=" + oldest.id()).json())).containsExactly(oldest.id());
    }

    @Test
    void oneAccountHasTheContractShapeAndUnknownIs404() {
        JsonNode account = get("/api/v3/connected_accounts/" + middle.id()).json();

        assertThat(account.path("id").asText()).isEqualTo(middle.id());
        assertThat(account.path("toolkit").path("slug").asText()).isEqualTo("github");
        assertThat(account.path("auth_config").path("id").asText()).isEqualTo(middle.authConfigId());
        assertThat(account.path("auth_config").has("is_devcaster_managed")).isTrue();
        assertThat(account.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(account.path("created_at").asText()).isEqualTo("2025-09-01T10:01:00.000Z");
        assertThat(account.has("status_reason")).isTrue();
        assertThat(account.has("is_disabled")).isTrue();
        assertThat(get("/api/v3/connected_accounts/ca_nope").status()).isEqualTo(404);
    }

    @Test
    void deletedAccountIsGone() {
        project.deleteConnectedAccount(oldest.id());

        assertThat(get("/api/v3/connected_accounts/" + oldest.id()).status()).isEqualTo(404);
    }

    @Test
    void authConfigsListByToolkitAndCountConnections() {
        AuthConfig gmail = project.addAuthConfig("gmail");

        JsonNode github = get("/api/v3/auth_configs?toolkit_slug=github").json();
        assertThat(github.path("items")).hasSize(1);
        JsonNode item = github.path("items").get(0);
        assertThat(item.path("status").asText()).isEqualTo("ENABLED");
        assertThat(item.path("no_of_connections").asInt()).isEqualTo(2);
        assertThat(item.path("toolkit").path("slug").asText()).isEqualTo("github");
        assertThat(get("/api/v3/auth_configs?toolkit_slug=github,gmail").json().path("items")).hasSize(2);
        assertThat(get("/api/v3/auth_configs/" + gmail.id()).json().path("name").asText()).isNotBlank();
        assertThat(get("/api/v3/auth_configs/ac_nope").status()).isEqualTo(404);
    }
}
