package dev.devcaster.operator.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies and headers the emulator does not produce: proxies, odd servers, hostile echoes. */
class ErrorMapperTest {

    private static final String KEY = "dk_secret_123";
    private final ErrorMapper mapper = new ErrorMapper(new ObjectMapper());
    private final ApiCall call = ApiCall.get("/connected_accounts/{id}", "ca_1");

    @Test
    void nonJsonBodyGivesAShortReadableMessage() {
        String html = "<html><body>502 Bad Gateway" + " padding".repeat(10_000) + "</body></html>";

        DevcasterException e = map(502, html, Map.of());

        assertThat(e).isInstanceOf(TransientException.class);
        assertThat(e.error().message()).startsWith("HTTP 502: <html><body>502 Bad Gateway").hasSizeLessThan(260);
        assertThat(e.getMessage()).hasSizeLessThan(400);
    }

    @Test
    void onlyDevcastersOwnNotFoundMeansNotFound() {
        String envelope = "{\"error\": {\"message\": \"Trigger instance ti_1 not found\", \"code\": 1404,"
                + " \"slug\": \"TriggerInstance_NotFound\", \"status\": 404, \"request_id\": \"req_1\"}}";

        assertThat(map(404, envelope, Map.of())).isInstanceOf(NotFoundException.class);
        DevcasterException proxy = map(404, "<html><body>404 Not Found</body><hr>nginx</html>", Map.of());
        assertThat(proxy).isInstanceOf(TransientException.class);
        assertThat(proxy.getMessage()).contains("HTTP 404 without Devcaster's error body");
        assertThat(map(404, "", Map.of())).isInstanceOf(TransientException.class);
    }

    @Test
    void theSummaryForStatusLeavesOutTheRequestIdThatChangesOnEveryAttempt() {
        String envelope = "{\"error\": {\"message\": \"Service unavailable\", \"status\": 503,"
                + " \"request_id\": \"req_42\"}}";

        DevcasterException e = map(503, envelope, Map.of());

        assertThat(e.getMessage()).contains("req_42");
        assertThat(e.summary()).isEqualTo("Service unavailable (HTTP 503 from GET /connected_accounts/{id})");
    }

    @Test
    void emptyOrOddJsonBodiesFallBackToTheStatus() {
        assertThat(map(429, "", Map.of()).error().message()).isEqualTo("HTTP 429");
        assertThat(map(429, "\"slow down\"", Map.of()).error().message()).isEqualTo("HTTP 429");
        assertThat(map(400, "{\"error\": \"bad\"}", Map.of()).error().message()).isEqualTo("HTTP 400");
        assertThat(map(429, "{\"message\": \"Rate limit exceeded\"}", Map.of()).error().message())
                .isEqualTo("Rate limit exceeded");
    }

    @Test
    void hugeMessagesAndErrorListsAreBounded() {
        String body = "{\"error\": {\"message\": \"" + "x".repeat(100_000) + "\", \"status\": 400,"
                + " \"slug\": \"TriggerInstance_ConfigInvalid\", \"errors\": ["
                + String.join(",", java.util.Collections.nCopies(1000, "\"" + "y".repeat(1000) + "\"")) + "]}}";

        DevcasterException e = map(400, body, Map.of());

        assertThat(e).isInstanceOf(InvalidConfigException.class);
        assertThat(e.error().message()).hasSizeLessThanOrEqualTo(501);
        assertThat(e.error().errors()).hasSizeLessThanOrEqualTo(51).allSatisfy(s -> assertThat(s).hasSizeLessThanOrEqualTo(201));
    }

    @Test
    void anEchoedKeyIsRedacted() {
        DevcasterException e = map(400, "{\"error\": {\"message\": \"bad key " + KEY + "\", \"status\": 400,"
                + " \"errors\": [\"header x-api-key=" + KEY + "\"]}}", Map.of());

        assertThat(e).isInstanceOf(RejectedException.class);
        assertThat(e.getMessage()).doesNotContain(KEY).contains("***");
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDatesAndIgnoresGarbage() {
        String inAMinute = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);

        assertThat(ErrorMapper.retryAfter(headers(Map.of("Retry-After", "7")))).hasValue(Duration.ofSeconds(7));
        assertThat(ErrorMapper.retryAfter(headers(Map.of("Retry-After", inAMinute))))
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));
        assertThat(ErrorMapper.retryAfter(headers(Map.of("Retry-After", "soon")))).isEmpty();
        assertThat(ErrorMapper.retryAfter(headers(Map.of("Retry-After", "-3")))).isEmpty();
        assertThat(ErrorMapper.retryAfter(headers(Map.of()))).isEmpty();
    }

    @Test
    void notFoundOn400OnlyWhereTheCallSaysSo() {
        ApiCall typeCall = ApiCall.get("/triggers_types/{slug}", "X").notFoundOn400();
        byte[] body = "{\"error\": {\"message\": \"not in version\", \"status\": 400}}".getBytes(StandardCharsets.UTF_8);

        assertThat(mapper.toException(typeCall, 400, headers(Map.of()), body, KEY)).isInstanceOf(NotFoundException.class);
        assertThat(map(400, new String(body, StandardCharsets.UTF_8), Map.of())).isInstanceOf(RejectedException.class);
    }

    private DevcasterException map(int status, String body, Map<String, String> headers) {
        return mapper.toException(call, status, headers(headers), body.getBytes(StandardCharsets.UTF_8), KEY);
    }

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        values.forEach((k, v) -> multi.put(k, List.of(v)));
        return HttpHeaders.of(multi, (k, v) -> true);
    }
}
