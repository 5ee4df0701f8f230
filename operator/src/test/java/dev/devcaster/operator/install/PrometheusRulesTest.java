package dev.devcaster.operator.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.testing.MetricsScrape;
import dev.devcaster.operator.testing.PromTool;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's PrometheusRule, checked by Prometheus' own promtool: the rules parse ({@code check
 * rules}) and fire when, and only when, they should ({@code test rules} with the input series in
 * src/test/resources/prometheus/devcaster-operator.rules-test.yaml). The metrics they read are
 * ones the operator exports.
 */
class PrometheusRulesTest {

    static final String TEST_FILE = "devcaster-operator.rules-test.yaml";
    static final List<String> ALERTS = List.of("DevcasterOperatorDown", "DevcasterOperatorNotLeading",
        "DevcasterTriggersStalled", "DevcasterRemoteErrorsHigh", "DevcasterRateLimited", "DevcasterReconcileErrors");

    @TempDir
    static Path dir;
    static List<Map<String, Object>> rules;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void renderRules() throws Exception {
        RenderedChart chart = RenderedChart.render("devcaster-system", """
            metrics:
              prometheusRule: {enabled: true, alertLabels: {team: platform}}
            """);
        GenericKubernetesResource rule = chart.all(GenericKubernetesResource.class).stream()
            .filter(r -> "PrometheusRule".equals(r.getKind())).findFirst().orElseThrow();
        assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        Map<String, Object> spec = (Map<String, Object>) rule.getAdditionalProperties().get("spec");
        // A PrometheusRule's spec is a Prometheus rules file.
        new ObjectMapper(new YAMLFactory()).writeValue(dir.resolve("devcaster-operator.rules.yaml").toFile(), spec);
        try (InputStream test = PrometheusRulesTest.class.getResourceAsStream("/prometheus/" + TEST_FILE)) {
            Files.copy(test, dir.resolve(TEST_FILE));
        }
        List<Map<String, Object>> groups = (List<Map<String, Object>>) spec.get("groups");
        rules = groups.stream().flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream()).toList();
    }

    @Test
    void rulesAreValidForPromtool() {
        PromTool.Result check = PromTool.run(dir, "check", "rules", "devcaster-operator.rules.yaml");

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + ALERTS.size() + " rules found");
        assertThat(rules).extracting(r -> r.get("alert")).containsExactlyElementsOf(ALERTS);
    }

    @Test
    void alertsFireExactlyAsTheUnitTestsOfTheRulesSay() {
        PromTool.Result test = PromTool.run(dir, "test", "rules", TEST_FILE);

        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertIsTestedFiringAndQuiet() throws Exception {
        JsonNode tests = new ObjectMapper(new YAMLFactory()).readTree(dir.resolve(TEST_FILE).toFile());
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? quiet : firing).add(check.path("alertname").asText());
            }
        }
        assertThat(firing).containsExactlyInAnyOrderElementsOf(ALERTS);
        assertThat(quiet).containsExactlyInAnyOrderElementsOf(ALERTS);
    }

    @Test
    void rulesReadOnlyMetricsTheOperatorExports() {
        Set<String> exported = new TreeSet<>(MetricsScrape.exercised().sampleNames());
        exported.add("up"); // Prometheus' own, per scrape target

        for (Map<String, Object> rule : rules) {
            assertThat(metricNames((String) rule.get("expr"))).as("%s: %s", rule.get("alert"), rule.get("expr"))
                .isNotEmpty().isSubsetOf(exported);
        }
    }

    @Test
    void stalledMeansTheReasonsTheOperatorMarksStalled() {
        String stalled = rules.stream().filter(r -> "DevcasterTriggersStalled".equals(r.get("alert")))
            .map(r -> (String) r.get("expr")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("reason=~\"([^\"]+)\"").matcher(stalled);
        assertThat(m.find()).isTrue();

        assertThat(Set.of(m.group(1).split("\\|"))).isEqualTo(Arrays.stream(ReadyReason.values())
            .filter(r -> r.outlook() == ReadyReason.Outlook.FIX).map(Enum::name).collect(Collectors.toSet()));
    }

    /** Identifiers in a PromQL expression that name metrics: not functions, keywords, label names or strings. */
    static Set<String> metricNames(String promql) {
        String code = promql.replaceAll("\"[^\"]*\"", "\"\"")             // string literals
            .replaceAll("\\{[^}]*}", "{}")                                  // label matchers
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "") // label lists
            .replaceAll("\\[[^]]*]", "[]");                                 // range durations
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?").matcher(code);
        while (m.find()) {
            boolean call = m.group(2) != null;
            String word = m.group(1);
            if (!call && !Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring").contains(word)
                && !word.matches("\\d.*")) {
                names.add(word);
            }
        }
        return names;
    }
}
