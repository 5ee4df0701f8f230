package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TriggerManageTest extends EmulatorTestSupport {

    private String triggerId;

    @BeforeEach
    void seed() {
        triggerId = slackTrigger("u1");
    }

    private Response manage(String status) {
        return manage(triggerId, status);
    }

    @Test
    void enableAndDisableAnswerSuccessAnd409WhenAlreadyInThatState() {
        assertThat(manage("enable").status()).isEqualTo(409);

        Response disabled = manage("disable");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().path("status").asText()).isEqualTo("success");
        assertThat(manage("disable").status()).isEqualTo(409);

        assertThat(manage("enable").status()).isEqualTo(200);
        assertThat(manage("enable").status()).isEqualTo(409);
    }

    @Test
    void unknownTriggerIs404ForPatchAndDelete() {
        assertThat(patch("/api/v3/trigger_instances/manage/ti_nope", "{\"status\":\"enable\"}").status()).isEqualTo(404);
        assertThat(deleteTrigger("ti_nope").status()).isEqualTo(404);
    }

    @Test
    void deleteAnswersTheIdThen404() {
        Response deleted = deleteTrigger(triggerId);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.triggerId()).isEqualTo(triggerId);
        assertThat(deleteTrigger(triggerId).status()).isEqualTo(404);
        assertThat(project.trigger(triggerId)).isEmpty();
    }

    @Test
    void disabledInstancesAreHiddenUnlessShowDisabled() {
        manage("disable");

        assertThat(get("/api/v3/trigger_instances/active").json().path("items")).isEmpty();
        Response shown = get("/api/v3/trigger_instances/active?show_disabled=true");
        assertThat(shown.json().path("items")).hasSize(1);
        assertThat(shown.json().path("items").get(0).path("disabled_at").isTextual()).isTrue();
    }

    @Test
    void serverSideDisableShowsAsDisabledAt() {
        project.disableTrigger(triggerId);

        Response shown = get("/api/v3/trigger_instances/active?show_disabled=true&trigger_ids=" + triggerId);
        assertThat(shown.json().path("items").get(0).path("disabled_at").asText()).isNotBlank();
        assertThat(manage("disable").status()).isEqualTo(409);
    }

    @Test
    void itemCarriesTheContractFields() {
        var item = get("/api/v3/trigger_instances/active").json().path("items").get(0);

        assertThat(item.fieldNames()).toIterable().containsExactly("id", "trigger_name", "connected_account_id",
                "user_id", "trigger_config", "state", "updated_at", "disabled_at", "created_at");
        assertThat(item.path("trigger_name").asText()).isEqualTo("SLACK_RECEIVE_MESSAGE");
        assertThat(item.path("state").isObject()).isTrue();
        assertThat(item.path("disabled_at").isNull()).isTrue();
    }
}
