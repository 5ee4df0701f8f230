package dev.devcaster.operator.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a non-2xx response into the matching {@link DevcasterException}. The body is read
 * defensively: 429s carry a bare {@code {"message"}}, proxies answer HTML or nothing, and a server
 * may say anything, so every field is optional and every text is cut to a bounded length.
 */
final class ErrorMapper {

    private static final String CONFIG_INVALID_SLUG = "TriggerInstance_ConfigInvalid";
    private static final int MAX_MESSAGE = 500;
    private static final int MAX_DETAIL = 200;
    private static final int MAX_DETAILS = 50;

    private final ObjectMapper mapper;

    ErrorMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    DevcasterException toException(ApiCall call, int status, HttpHeaders headers, byte[] body, String apiKey) {
        ApiError error = parse(call.endpoint(), status, body, apiKey);
        if (status == 401 || status == 403) {
            return new UnauthorizedException(error);
        }
        if (status == 404 && !readJson(body).path("error").isObject()) {
            // Only Devcaster's own answer (its error envelope) means "not there": a proxy or a wrong
            // base URL also answers 404, and reading that as "deleted" would leak remote triggers.
            return new TransientException(new ApiError(error.endpoint(), status,
                "HTTP 404 without Devcaster's error body (a proxy or a wrong base URL?): " + error.message(), null,
                null, null, null), null);
        }
        if (status == 404 || (status == 400 && call.isNotFoundOn400())) {
            return new NotFoundException(error);
        }
        if (status == 400 && CONFIG_INVALID_SLUG.equalsIgnoreCase(error.slug())) {
            return new InvalidConfigException(error);
        }
        if (status == 409) {
            return new ConflictException(error);
        }
        if (status == 429) {
            return new RateLimitedException(error, retryAfter(headers), false);
        }
        if (status == 408 || status >= 500) {
            return new TransientException(error, null);
        }
        return new RejectedException(error);
    }

    private ApiError parse(String endpoint, int status, byte[] body, String apiKey) {
        JsonNode root = readJson(body);
        JsonNode envelope = root.path("error");
        JsonNode fields = envelope.isObject() ? envelope : root;
        String message = text(fields.path("message"), MAX_MESSAGE, apiKey);
        if (message == null) {
            message = fallbackMessage(status, root, body, apiKey);
        }
        List<String> details = new ArrayList<>();
        for (JsonNode detail : fields.path("errors")) {
            if (details.size() == MAX_DETAILS) {
                details.add("…");
                break;
            }
            String text = detail.isTextual() ? detail.asText() : detail.toString();
            details.add(bounded(text, MAX_DETAIL, apiKey));
        }
        return new ApiError(endpoint, status, message, text(fields.path("slug"), MAX_DETAIL, apiKey),
                text(fields.path("request_id"), MAX_DETAIL, apiKey),
                text(fields.path("suggested_fix"), MAX_MESSAGE, apiKey), details);
    }

    private JsonNode readJson(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? null : mapper.readTree(body);
            return node == null ? mapper.missingNode() : node;
        } catch (IOException e) {
            return mapper.missingNode();
        }
    }

    /** No usable message field: show a bit of a non-JSON body (a proxy page says what happened). */
    private static String fallbackMessage(int status, JsonNode root, byte[] body, String apiKey) {
        String generic = "HTTP " + status;
        if (!root.isMissingNode() || body.length == 0) {
            return generic;
        }
        String snippet = new String(body, 0, Math.min(body.length, MAX_DETAIL * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
        return snippet.isEmpty() ? generic : generic + ": " + bounded(snippet, MAX_DETAIL, apiKey);
    }

    private static String text(JsonNode node, int max, String apiKey) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String value = node.isValueNode() ? node.asText() : node.toString();
        return value.isBlank() ? null : bounded(value, max, apiKey);
    }

    /** Servers do echo request data; the key must not reach a log or a status condition that way. */
    private static String bounded(String value, int max, String apiKey) {
        String safe = apiKey.isEmpty() ? value : value.replace(apiKey, "***");
        return safe.length() <= max ? safe : safe.substring(0, max) + "…";
    }

    /** {@code Retry-After} is delta-seconds or an HTTP date; anything else counts as absent. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").map(String::strip).orElse("");
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException absentOrMalformed) {
            return Optional.empty();
        }
    }
}
