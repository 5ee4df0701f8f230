package dev.devcaster.operator.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EcsKeyValueEncoderTest {

    @Test
    void keyValuePairsAreFieldsOfTheirOwnEscapedAsJson() throws Exception {
        String line = encode(Map.of(), List.of(new KeyValuePair("trigger", "a\"b\nc"), new KeyValuePair("reason", "Synced")));

        assertThat(line).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("trigger").asText()).isEqualTo("a\"b\nc");
        assertThat(json.path("reason").asText()).isEqualTo("Synced");
    }

    @Test
    void aKeyTheMdcHasTooIsWrittenOnceWithTheMdcsValue() {
        String line = encode(Map.of("reason", "from-mdc"), List.of(new KeyValuePair("reason", "from-pair")));

        assertThat(line).containsOnlyOnce("\"reason\"").contains("from-mdc").doesNotContain("from-pair");
    }

    private static String encode(Map<String, String> mdc, List<KeyValuePair> pairs) {
        LoggerContext context = new LoggerContext();
        LogbackMDCAdapter adapter = new LogbackMDCAdapter();
        context.setMDCAdapter(adapter);
        mdc.forEach(adapter::put);
        try {
            LoggingEvent event = new LoggingEvent(EcsKeyValueEncoderTest.class.getName(), context.getLogger("test"),
                Level.INFO, "message", null, null);
            event.setKeyValuePairs(pairs);
            EcsKeyValueEncoder encoder = new EcsKeyValueEncoder();
            encoder.setContext(context);
            encoder.start();
            return new String(encoder.encode(event), StandardCharsets.UTF_8);
        } finally {
            adapter.clear();
        }
    }
}
