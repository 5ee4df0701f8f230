package dev.devcaster.operator.config;

import ch.qos.logback.classic.spi.ILoggingEvent;
import co.elastic.logging.EcsJsonSerializer;
import co.elastic.logging.logback.EcsEncoder;
import org.slf4j.event.KeyValuePair;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elastic's ECS encoder, plus SLF4J's key-value pairs ({@code reason}, {@code triggerId}, ...) as
 * fields of their own, written the way it writes MDC entries: a log search can filter on them.
 */
public final class EcsKeyValueEncoder extends EcsEncoder {

    @Override
    protected void addCustomFields(ILoggingEvent event, StringBuilder builder) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
            return;
        }
        // A key the MDC has too is written once, as the encoder wrote it: a JSON object with a key
        // twice is read differently by different log pipelines.
        Map<String, String> mdc = event.getMDCPropertyMap();
        Map<String, Object> fields = new LinkedHashMap<>();
        pairs.stream().filter(pair -> mdc == null || !mdc.containsKey(pair.key))
            .forEach(pair -> fields.put(pair.key, pair.value));
        EcsJsonSerializer.serializeMDC(builder, fields);
    }
}
