package dev.devcaster.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.store.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One in-process emulator per test class on an ephemeral port, reset before each test with the
 * project of {@link #KEY} in place, and a small java.net.http client so the tests go through real
 * HTTP like the operator does.
 */
abstract class EmulatorTestSupport {

    static final String KEY = "test-key-1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2025-09-01T10:00:00Z");

    static DevcasterEmulator emulator;
    /** The project of {@link #KEY}, made anew before each test. */
    Project project;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startEmulator() {
        emulator = DevcasterEmulator.start(EmulatorConfig.defaults());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
        project = emulator.project(KEY);
    }

    static Response get(String path) {
        return send(request(path, KEY).GET());
    }

    static Response get(String path, String apiKey) {
        return send(request(path, apiKey).GET());
    }

    static Response post(String path, String body) {
        return send(request(path, KEY).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Response post(String path, String apiKey, String body) {
        return send(request(path, apiKey).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Response patch(String path, String body) {
        return send(request(path, KEY).method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    static Response delete(String path) {
        return send(request(path, KEY).DELETE());
    }

    static Response upsert(String slug, String body) {
        return post("/api/v3/trigger_instances/" + slug + "/upsert", body);
    }

    /** PATCH manage with {@code {"status": "enable" | "disable"}}. */
    static Response manage(String triggerId, String status) {
        return patch("/api/v3/trigger_instances/manage/" + triggerId, "{\"status\":\"" + status + "\"}");
    }

    static Response deleteTrigger(String triggerId) {
        return delete("/api/v3/trigger_instances/manage/" + triggerId);
    }

    /** An ACTIVE Slack account for {@code userId} and a SLACK_RECEIVE_MESSAGE trigger on it, made over HTTP. */
    String slackTrigger(String userId) {
        project.addConnectedAccount(userId, "slack", AccountStatus.ACTIVE, T0);
        return upsert("SLACK_RECEIVE_MESSAGE", "{\"user_id\":\"" + userId + "\"}").triggerId();
    }

    /** A call to the admin API: no API key; {@code body} may be null. */
    static Response admin(String method, String path, String body) {
        return send(request(path, null).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpRequest.Builder request(String path, String apiKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json");
        if (apiKey != null) {
            builder.header("x-api-key", apiKey);
        }
        return builder;
    }

    static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response with its body parsed as JSON when it is JSON. */
    record Response(HttpResponse<String> raw) {

        int status() {
            return raw.statusCode();
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String body() {
            return raw.body();
        }

        /** The {@code trigger_id} an upsert or delete answered. */
        String triggerId() {
            return json().path("trigger_id").asText();
        }
    }
}
