package dev.devcaster.plugin.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.triggertype.ConfigValidator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDefaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static final String GMAIL = """
        {"type": "object", "properties": {
          "interval": {"type": "number", "default": 1},
          "labelIds": {"type": "string", "default": "INBOX"},
          "query": {"type": "string", "default": ""},
          "userId": {"type": "string", "default": "me"},
          "options": {"type": "object", "properties": {"deep": {"type": "string", "default": "x"}}}}}""";

    @Test
    void dropsTopLevelValuesEqualToTheirDefaultNumbersByValue() throws Exception {
        JsonNode stored = json("""
            {"interval": 1.0, "labelIds": "INBOX", "query": "from:billing", "userId": "me", "options": {"deep": "x"}}""");

        ObjectNode exported = ConfigDefaults.withoutDefaults(json(GMAIL), stored);

        assertThat(exported).isEqualTo(json("""
            {"query": "from:billing", "options": {"deep": "x"}}"""));
    }

    @Test
    void theOperatorsDefaultsGiveTheStoredConfigBack() throws Exception {
        JsonNode schema = json(GMAIL);
        JsonNode stored = json("""
            {"interval": 5, "labelIds": "INBOX", "query": "", "userId": "me"}""");

        ObjectNode exported = ConfigDefaults.withoutDefaults(schema, stored);

        assertThat(exported).isEqualTo(json("{\"interval\": 5}"));
        assertThat(new ConfigValidator().withDefaults(schema, exported)).isEqualTo(stored);
    }

    @Test
    void withoutASchemaDefaultEverythingStays() throws Exception {
        JsonNode stored = json("{\"owner\": \"acme\", \"repo\": \"api\"}");
        assertThat(ConfigDefaults.withoutDefaults(json("{\"type\": \"object\"}"), stored)).isEqualTo(stored);
    }
}
