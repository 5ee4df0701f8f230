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
        Map<String, Object> fields = new LinkedHashMap<>();
        pairs.forEach(pair -> fields.put(pair.key, pair.value));
        EcsJsonSerializer.serializeMDC(builder, fields);
    }
}
