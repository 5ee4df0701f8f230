package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListingTest extends EmulatorTestSupport {

    private ConnectedAccount alice;
    private ConnectedAccount bob;

    @BeforeEach
    void seed() {
        alice = project.addConnectedAccount("alice", "github", AccountStatus.ACTIVE, T0);
        bob = project.addConnectedAccount("bob", "github", AccountStatus.ACTIVE, T0);
        for (int i = 0; i < 55; i++) {
            ConnectedAccount owner = i % 2 == 0 ? alice : bob;
            String slug = i % 3 == 0 ? "GITHUB_STAR_ADDED_EVENT" : "GITHUB_COMMIT_EVENT";
            upsert(slug, "{\"connected_account_id\":\"" + owner.id() + "\",\"trigger_config\":{\"owner\":\"o\",\"repo\":\"r" + i + "\"}}");
        }
    }

    @Test
    void cursorWalksMoreThanTwoPagesWithoutGapsOrRepeats() {
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/v3/trigger_instances/active?limit=20" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(item -> assertThat(seen.add(item.path("id").asText())).isTrue());
            assertThat(page.path("total_items").asInt()).isEqualTo(55);
            assertThat(page.path("total_pages").asInt()).isEqualTo(3);
            assertThat(page.path("current_page").asInt()).isEqualTo(pages + 1);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(55);
    }

    @Test
    void pageParameterAddressesTheSamePages() {
        List<String> byPage = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode body = get("/api/v3/trigger_instances/active?limit=20&page=" + page).json();
            assertThat(body.path("current_page").asInt()).isEqualTo(page);
            body.path("items").forEach(item -> byPage.add(item.path("id").asText()));
        }
        assertThat(new HashSet<>(byPage)).hasSize(55);
        assertThat(get("/api/v3/trigger_instances/active?limit=20&page=3").json().path("next_cursor").isNull()).isTrue();
    }

    @Test
    void limitIsClampedPerApiVersion() {
        JsonNode v3 = get("/api/v3/trigger_instances/active?limit=5000").json();
        JsonNode v31 = get("/api/v3.1/trigger_instances/active?limit=5000").json();
        JsonNode defaults = get("/api/v3/trigger_instances/active").json();

        assertThat(v3.path("items")).hasSize(55);
        assertThat(v31.path("items")).hasSize(50);
        assertThat(v31.path("total_pages").asInt()).isEqualTo(2);
        assertThat(defaults.path("items")).hasSize(20);
    }

    @Test
    void arrayParametersAcceptCommaJoinedAndRepeatedForms() {
        String joined = "/api/v3/trigger_instances/active?limit=1000&connected_account_ids=" + alice.id() + "," + bob.id();
        String repeated = "/api/v3/trigger_instances/active?limit=1000&connected_account_ids=" + alice.id()
                + "&connected_account_ids=" + bob.id();

        assertThat(get(joined).json().path("total_items").asInt()).isEqualTo(55);
        assertThat(get(repeated).json().path("total_items").asInt()).isEqualTo(55);
        assertThat(get("/api/v3/trigger_instances/active?user_ids=alice").json().path("total_items").asInt()).isEqualTo(28);
    }

    @Test
    void filtersCombine() {
        JsonNode stars = get("/api/v3/trigger_instances/active?limit=1000&trigger_names=github_star_added_event").json();
        assertThat(stars.path("total_items").asInt()).isEqualTo(19);

        JsonNode aliceStars = get("/api/v3/trigger_instances/active?limit=1000&trigger_names=GITHUB_STAR_ADDED_EVENT&user_ids=alice").json();
        aliceStars.path("items").forEach(item -> {
            assertThat(item.path("user_id").asText()).isEqualTo("alice");
            assertThat(item.path("trigger_name").asText()).isEqualTo("GITHUB_STAR_ADDED_EVENT");
        });
        assertThat(aliceStars.path("total_items").asInt()).isEqualTo(10);

        String authConfigId = alice.authConfigId();
        assertThat(get("/api/v3/trigger_instances/active?auth_config_ids=" + authConfigId).json().path("total_items").asInt())
                .isEqualTo(55);
        String someId = stars.path("items").get(0).path("id").asText();
        assertThat(get("/api/v3/trigger_instances/active?trigger_ids=" + someId + ",ti_other").json().path("total_items").asInt())
                .isEqualTo(1);
    }

    @Test
    void invalidCursorIs400() {
        assertThat(get("/api/v3/trigger_instances/active?cursor=garbage!").status()).isEqualTo(400);
    }
}
