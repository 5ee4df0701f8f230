package dev.devcaster.operator.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One spelling for JSON that means the same: keys sorted, numbers by value (1 and 1.0 are one
 * number), so a config compares and hashes equal however Devcaster echoes it back.
 */
final class CanonicalJson {

    private static final ObjectMapper SORTED = new ObjectMapper()
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private CanonicalJson() {
    }

    /** A short hex SHA-256 of the canonical form. */
    static String hash(JsonNode node) {
        return sha256(text(node));
    }

    static String text(JsonNode node) {
        try {
            return SORTED.writeValueAsString(normalize(node == null ? JsonNodeFactory.instance.objectNode() : node));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE ships SHA-256", e);
        }
    }

    private static JsonNode normalize(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            fields.forEachRemaining(e -> sorted.put(e.getKey(), normalize(e.getValue())));
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            sorted.forEach(result::set);
            return result;
        }
        if (node.isArray()) {
            var result = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> result.add(normalize(item)));
            return result;
        }
        if (node.isNumber()) {
            return JsonNodeFactory.instance.textNode("#" + node.decimalValue().stripTrailingZeros().toPlainString());
        }
        return node;
    }
}
