package dev.devcaster.operator.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devcaster.operator.testing.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyNeverLoggedIT extends EmulatorTestBase {

    @Test
    void neitherLogsNorExceptionsContainTheKey() {
        String wrongKey = "dk_wrong_" + apiKey;
        DevcasterCredentials wrong = new DevcasterCredentials(emulator.baseUrl(), wrongKey);
        DevcasterClient limited = newClient(testConfig().withRateLimit(0.2, Duration.ZERO));
        String account = activeAccount("user-1", "github", null);
        List<Throwable> failures = new ArrayList<>();

        try (LogCapture log = LogCapture.of("dev.devcaster.operator.client")) {
            client.triggerTypes().get(credentials, "GITHUB_COMMIT_EVENT", null);
            client.triggerInstances().listAll(credentials, TriggerInstanceQuery.includingDisabled());
            failures.add(attempt(() -> client.triggerTypes().get(credentials, "NOPE", null)));
            failures.add(attempt(() -> client.triggerTypes().listSlugs(wrong)));
            failures.add(attempt(() -> client.triggerInstances().upsert(credentials, "GITHUB_COMMIT_EVENT",
                    new UpsertTriggerRequest(account, null, Map.of(), null))));
            emulator.faults().rateLimitNext(1, true);
            failures.add(attempt(() -> client.connectedAccounts().get(credentials, account)));
            // The 429 pauses the key in that client: another one (another process) goes on.
            DevcasterClient other = newClient(testConfig());
            emulator.faults().failNext(1, 500);
            failures.add(attempt(() -> other.authConfigs().listAll(credentials, List.of(), true)));
            emulator.faults().dropNext(2);
            failures.add(attempt(() -> other.triggerInstances().delete(credentials, "ti_x")));
            limited.triggerTypes().listSlugs(credentials);
            failures.add(attempt(() -> limited.triggerTypes().listSlugs(credentials)));

            assertThat(log.lines()).hasSizeGreaterThanOrEqualTo(8)
                    .anySatisfy(line -> assertThat(line).contains("DEBUG").contains(credentials.fingerprint()))
                    .allSatisfy(line -> assertThat(line).doesNotContain(apiKey));
        }
        assertThat(failures).hasSize(7).doesNotContainNull().allSatisfy(failure ->
                assertThat(failure.toString() + "\n" + stackTrace(failure)).doesNotContain(apiKey));
        assertThat(credentials.toString()).doesNotContain(apiKey).contains(credentials.fingerprint());
    }

    private static Throwable attempt(Runnable call) {
        try {
            call.run();
            return null;
        } catch (DevcasterException e) {
            return e;
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
