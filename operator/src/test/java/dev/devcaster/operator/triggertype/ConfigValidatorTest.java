package dev.devcaster.operator.triggertype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConfigValidator validator = new ConfigValidator();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static final String GITHUB = """
        {"type": "object", "required": ["owner", "repo"],
         "properties": {"owner": {"type": "string"}, "repo": {"type": "string"}}}""";

    private static final String GMAIL = """
        {"type": "object", "properties": {
          "interval": {"type": "number", "default": 1},
          "labelIds": {"type": "string", "default": "INBOX"},
          "query": {"type": "string", "default": ""}}}""";

    @Test
    void validConfigHasNoErrors() throws Exception {
        assertThat(validator.validate(json(GITHUB), json("{\"owner\": \"acme\", \"repo\": \"api\"}"))).isEmpty();
    }

    @Test
    void everyFailingFieldIsListedWithItsPath() throws Exception {
        assertThat(validator.validate(json(GITHUB), json("{\"owner\": 42}")))
            .containsExactly("triggerConfig.owner: integer found, string expected", "triggerConfig.repo: required");
    }

    @Test
    void defaultsFillOnlyAbsentFields() throws Exception {
        ObjectNode config = (ObjectNode) json("{\"query\": \"is:unread\"}");

        ObjectNode withDefaults = validator.withDefaults(json(GMAIL), config);

        assertThat(withDefaults).isEqualTo(json("{\"interval\": 1, \"labelIds\": \"INBOX\", \"query\": \"is:unread\"}"));
        assertThat(config).isEqualTo(json("{\"query\": \"is:unread\"}"));
    }
}
