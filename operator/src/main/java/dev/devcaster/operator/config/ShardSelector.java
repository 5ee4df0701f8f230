package dev.devcaster.operator.config;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Triggers one operator instance manages ({@code SHARD_SELECTOR}): a Kubernetes label selector.
 * The informer sends its text to the API server; the admission webhook, which the API server may
 * call for every shard's Triggers, matches it here with the API server's semantics ({@code !=} and
 * {@code notin} also select Triggers without the label).
 */
public final class ShardSelector {

    private static final String KEY = "(?:[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?";
    private static final String VALUE = "(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?";
    private static final Pattern PRESENCE = Pattern.compile("(!?)\\s*(" + KEY + ")");
    private static final Pattern EQUALITY = Pattern.compile("(" + KEY + ")\\s*(==|=|!=)\\s*(" + VALUE + ")");
    private static final Pattern SET = Pattern.compile("(" + KEY + ")\\s+(in|notin)\\s*\\((.*)\\)");
    private static final Pattern SET_VALUE = Pattern.compile(VALUE);
    private static final ShardSelector ALL = new ShardSelector("", List.of());

    private final String text;
    private final List<LabelSelectorRequirement> requirements;

    private ShardSelector(String text, List<LabelSelectorRequirement> requirements) {
        this.text = text;
        this.requirements = requirements;
    }

    /** Everything: no selector. */
    public static ShardSelector all() {
        return ALL;
    }

    /**
     * {@code key=value}, {@code key==value}, {@code key!=value}, {@code key}, {@code !key},
     * {@code key in (a,b)}, {@code key notin (a,b)}, comma-separated; blank selects everything.
     *
     * @throws IllegalArgumentException when the text is not a label selector
     */
    public static ShardSelector parse(String raw) {
        String text = raw == null ? "" : raw.trim();
        if (text.isEmpty()) {
            return ALL;
        }
        List<LabelSelectorRequirement> requirements = new ArrayList<>();
        for (String term : topLevelTerms(text)) {
            requirements.add(requirement(term.trim())
                .orElseThrow(() -> new IllegalArgumentException("'" + raw + "' is not a label selector (e.g. devcaster.dev/shard=b)")));
        }
        return new ShardSelector(text, List.copyOf(requirements));
    }

    public boolean selectsAll() {
        return requirements.isEmpty();
    }

    /** The selector as the API server reads it in a list or watch; empty for everything. */
    public String text() {
        return text;
    }

    /** Whether a Trigger with these labels (null: none) belongs to this shard. */
    public boolean matches(Map<String, String> labels) {
        Map<String, String> present = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> switch (r.getOperator()) {
            case "In" -> present.containsKey(r.getKey()) && r.getValues().contains(present.get(r.getKey()));
            case "NotIn" -> !present.containsKey(r.getKey()) || !r.getValues().contains(present.get(r.getKey()));
            case "Exists" -> present.containsKey(r.getKey());
            default -> !present.containsKey(r.getKey());
        });
    }

    /** The same selection as a structured selector, e.g. a webhook's {@code objectSelector}. */
    public LabelSelector asLabelSelector() {
        return new LabelSelector(requirements.stream().map(r -> new LabelSelectorRequirement(r.getKey(), r.getOperator(),
            r.getValues() == null ? null : List.copyOf(r.getValues()))).toList(), null);
    }

    @Override
    public String toString() {
        return text;
    }

    private static Optional<LabelSelectorRequirement> requirement(String term) {
        Matcher m = EQUALITY.matcher(term);
        if (m.matches()) {
            return Optional.of(new LabelSelectorRequirement(m.group(1), m.group(2).equals("!=") ? "NotIn" : "In",
                List.of(m.group(3))));
        }
        m = SET.matcher(term);
        if (m.matches() && !m.group(3).isBlank()) {
            List<String> values = new ArrayList<>();
            for (String value : m.group(3).split(",", -1)) {
                if (!SET_VALUE.matcher(value.trim()).matches()) {
                    return Optional.empty();
                }
                values.add(value.trim());
            }
            return Optional.of(new LabelSelectorRequirement(m.group(1), m.group(2).equals("in") ? "In" : "NotIn",
                List.copyOf(values)));
        }
        m = PRESENCE.matcher(term);
        if (m.matches()) {
            return Optional.of(new LabelSelectorRequirement(m.group(2), m.group(1).isEmpty() ? "Exists" : "DoesNotExist",
                null));
        }
        return Optional.empty();
    }

    /** The requirements: split at commas outside the parentheses of a set. */
    private static List<String> topLevelTerms(String text) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(text.substring(start, i));
                start = i + 1;
            }
            if (depth < 0 || depth > 1) {
                throw new IllegalArgumentException("'" + text + "' is not a label selector: unbalanced parentheses");
            }
        }
        terms.add(text.substring(start));
        return terms;
    }
}
