package dev.devcaster.stress.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What people do today without the operator: a script that walks its list of triggers one by one,
 * as the SDK does it ({@code triggers.get_type(slug)}, the user's connected accounts, then
 * {@code triggers.create(...)}): three calls in a row per trigger, over plain HTTP, on a project
 * (API key) of its own so that it shares nothing with the operator but the emulator.
 */
final class SdkBaseline {

    /**
     * @param sample           triggers actually created by the loop
     * @param seconds          wall time of the loop
     * @param perTriggerSeconds seconds / sample
     * @param calls            remote calls the loop made
     * @param triggers         the N the benchmark compares with
     * @param secondsForN      the loop's time for N triggers: measured when sample == N, else projected
     * @param projected        whether secondsForN is a projection (sample &lt; N)
     */
    record Result(int sample, double seconds, double perTriggerSeconds, long calls, int triggers, double secondsForN,
                  boolean projected) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final String apiKey;

    SdkBaseline(URI baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    Result run(BenchWorkload workload, int sample, int triggers) {
        long calls = 0;
        long start = System.nanoTime();
        for (int i = 0; i < sample; i++) {
            BenchWorkload.Item item = workload.item(i);
            JsonNode type = get("/api/v3/triggers_types/" + item.slug() + "?toolkit_versions=latest");
            String toolkit = type.path("toolkit").path("slug").asText();
            JsonNode accounts = get("/api/v3/connected_accounts?user_ids=" + encode(item.userId())
                + "&toolkit_slugs=" + encode(toolkit) + "&statuses=ACTIVE&order_by=created_at&order_direction=desc");
            JsonNode newest = accounts.path("items").path(0);
            if (newest.isMissingNode()) {
                throw new IllegalStateException("SDK baseline: no ACTIVE " + toolkit + " account for " + item.userId());
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("connected_account_id", newest.path("id").asText());
            body.set("trigger_config", JSON.valueToTree(item.config()));
            body.putObject("toolkit_versions").put(toolkit, type.path("version").asText("latest"));
            post("/api/v3/trigger_instances/" + item.slug() + "/upsert", body);
            calls += 3;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double perTrigger = seconds / sample;
        return new Result(sample, seconds, perTrigger, calls, triggers, sample == triggers ? seconds : perTrigger * triggers,
            sample < triggers);
    }

    private JsonNode get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery)).GET());
    }

    private JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(baseUrl.resolve(path)).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest r = request.header("x-api-key", apiKey).timeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("SDK baseline: " + r.method() + " " + r.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("SDK baseline: " + r.method() + " " + r.uri().getPath() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
