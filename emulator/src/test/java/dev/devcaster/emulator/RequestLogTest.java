package dev.devcaster.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.devcaster.emulator.faults.FaultScope;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.requests.KeyFingerprint;
import dev.devcaster.emulator.requests.RequestLog;
import dev.devcaster.emulator.requests.RequestRecord;
import org.junit.jupiter.api.Test;

class RequestLogTest extends EmulatorTestSupport {

    private static final String SECRET = "sk-live-very-secret-key";

    @Test
    void logsEveryPublicRequestByRouteTemplateWithoutTheKey() {
        emulator.project(SECRET);
        get("/api/v3/trigger_instances/active", SECRET);
        get("/api/v3.1/trigger_instances/active", SECRET);
        post("/api/v3/trigger_instances/GITHUB_COMMIT_EVENT/upsert", SECRET, "{}");
        get("/_emulator/health");

        assertThat(emulator.requestLog().count("GET /api/v3/trigger_instances/active")).isEqualTo(2);
        assertThat(emulator.requestLog().count("POST /api/v3/trigger_instances/{slug}/upsert")).isEqualTo(1);
        assertThat(emulator.requestLog().counters()).hasSize(2);
        assertThat(emulator.requestLog().entries()).hasSize(3).allSatisfy(r -> {
            assertThat(r.apiKeyId()).isEqualTo(KeyFingerprint.of(SECRET)).doesNotContain(SECRET);
            assertThat(r.at()).isNotNull();
        });
        assertThat(emulator.requestLog().entries().get(1).path()).isEqualTo("/api/v3.1/trigger_instances/active");
        assertThat(emulator.requestLog().entries().get(2).status()).isEqualTo(400);
        assertThat(get("/_emulator/requests").body()).doesNotContain(SECRET);
    }

    @Test
    void recordsNameTheTriggerInstanceEachRequestConcerned() {
        project.addConnectedAccount("u1", "slack", AccountStatus.ACTIVE, T0);
        String created = upsert("SLACK_RECEIVE_MESSAGE", "{\"user_id\":\"u1\"}").triggerId();
        upsert("SLACK_RECEIVE_MESSAGE", "{\"user_id\":\"u1\"}");
        manage(created, "disable");
        get("/api/v3/trigger_instances/active");
        emulator.faults().failNext(1, 502, FaultScope.method("DELETE"));
        deleteTrigger(created);
        deleteTrigger(created);
        deleteTrigger(created);
        deleteTrigger("ti_unknown");
        upsert("SLACK_NOPE", "{\"user_id\":\"u1\"}");

        assertThat(emulator.requestLog().entries())
                .extracting(RequestRecord::method, RequestRecord::status, RequestRecord::triggerId)
                .containsExactly(
                        tuple("POST", 201, created),
                        tuple("POST", 200, created),
                        tuple("PATCH", 200, created),
                        tuple("GET", 200, null),
                        tuple("DELETE", 502, created),
                        tuple("DELETE", 200, created),
                        tuple("DELETE", 404, created),
                        tuple("DELETE", 404, "ti_unknown"),
                        tuple("POST", 404, null));
        assertThat(emulator.requestLog().entries()).allSatisfy(r -> assertThat(r.apiKeyId()).isEqualTo(KeyFingerprint.of(KEY)));
        assertThat(get("/_emulator/requests").json().get(0).path("trigger_id").asText()).isEqualTo(created);
    }

    @Test
    void ringIsBoundedWhileCountersStayExact() {
        RequestLog log = new RequestLog(3);
        for (int i = 0; i < 10; i++) {
            log.add(new RequestRecord(T0.plusSeconds(i), "GET", "/p" + i, "GET /p", 200, "-"));
        }

        assertThat(log.entries()).extracting(RequestRecord::path).containsExactly("/p7", "/p8", "/p9");
        assertThat(log.count("GET /p")).isEqualTo(10);
        log.clear();
        assertThat(log.counters()).isEmpty();
    }
}
