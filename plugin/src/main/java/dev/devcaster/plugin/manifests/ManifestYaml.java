package dev.devcaster.plugin.manifests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Trigger manifests as YAML people read and review: fields in the order of the README's example
 * (apiVersion, kind, metadata, spec: slug, user or account, config, version, enabled, ...), config keys
 * sorted, no status, strings quoted only where YAML would read them as something else. The same
 * Trigger always gives the same bytes.
 */
public final class ManifestYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .disable(YAMLGenerator.Feature.SPLIT_LINES)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
        .stringQuotingChecker(new Yaml11Safe())
        .build());

    private ManifestYaml() {
    }

    /** One manifest, with {@code comments} as {@code #} lines above it. */
    public static String write(Trigger trigger, List<String> comments) {
        StringBuilder text = new StringBuilder();
        comments.forEach(c -> text.append("# ").append(c).append('\n'));
        try {
            return text.append(YAML.writeValueAsString(tree(trigger))).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    /** Every non-empty document of a YAML stream. */
    public static List<JsonNode> readAll(String text) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    documents.add(doc);
                }
            }
        }
        return documents;
    }

    static ObjectNode tree(Trigger trigger) {
        ObjectNode root = NODES.objectNode();
        root.put("apiVersion", Trigger.GROUP + "/" + Trigger.VERSION);
        root.put("kind", "Trigger");
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("name", trigger.getMetadata().getName());
        if (trigger.getMetadata().getNamespace() != null) {
            metadata.put("namespace", trigger.getMetadata().getNamespace());
        }
        putSorted(metadata, "labels", trigger.getMetadata().getLabels());
        putSorted(metadata, "annotations", trigger.getMetadata().getAnnotations());
        TriggerSpec spec = trigger.getSpec();
        ObjectNode out = root.putObject("spec");
        out.put("slug", spec.getSlug());
        putIfSet(out, "userId", spec.getUserId());
        putIfSet(out, "connectedAccountId", spec.getConnectedAccountId());
        out.set("triggerConfig", sorted(spec.configOrEmpty()));
        putIfSet(out, "toolkitVersion", spec.getToolkitVersion());
        if (spec.getEnabled() != null) {
            out.put("enabled", spec.getEnabled());
        }
        if (spec.getDeletionPolicy() != null) {
            out.put("deletionPolicy", spec.getDeletionPolicy().name());
        }
        if (spec.getCredentialsSecretRef() != null) {
            ObjectNode ref = out.putObject("credentialsSecretRef");
            ref.put("name", spec.getCredentialsSecretRef().getName());
            putIfSet(ref, "key", spec.getCredentialsSecretRef().getKey());
        }
        return root;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putSorted(ObjectNode node, String field, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            ObjectNode map = node.putObject(field);
            new TreeMap<>(values).forEach(map::put);
        }
    }

    /** Keys sorted at every level: the server may echo a config in any order. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            it.forEachRemaining(e -> fields.put(e.getKey(), sorted(e.getValue())));
            ObjectNode result = NODES.objectNode();
            fields.forEach(result::set);
            return result;
        }
        if (node.isArray()) {
            var result = NODES.arrayNode();
            node.forEach(item -> result.add(sorted(item)));
            return result;
        }
        return node;
    }

    /**
     * Quotes what a YAML 1.1 reader (kubectl's) would not read back as the same string: besides
     * Jackson's reserved words, numbers with underscores or separators ({@code 20250909_00} is the
     * integer 2025090900 there), dates, infinities and single-letter booleans.
     */
    private static final class Yaml11Safe extends StringQuotingChecker.Default {

        private static final Pattern AMBIGUOUS = Pattern.compile(
            "[-+]?[0-9][0-9_,.:]*([eE][-+]?[0-9]+)?|[-+]?\\.?[0-9_]+|0[xXoObB][0-9a-fA-F_]+|[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)"
                + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*|[yYnN~]|=|<<");

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || AMBIGUOUS.matcher(value).matches()
                || !value.equals(value.strip());
        }

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || AMBIGUOUS.matcher(name).matches();
        }
    }
}
