package dev.devcaster.operator.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.testing.MetricsScrape;
import dev.devcaster.operator.testing.PromTool;
import dev.devcaster.operator.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard the chart ships (dashboards/devcaster-operator.json): valid JSON of the
 * dashboard model, every query valid PromQL for Prometheus' own parser (promtool) and reading
 * only metrics the operator exports, and the ConfigMap Grafana's sidecar picks up.
 */
class GrafanaDashboardTest {

    static final Path DASHBOARD = RepoPaths.CHART.resolve("dashboards/devcaster-operator.json");

    @TempDir
    Path dir;

    @Test
    void dashboardIsAGrafanaDashboardWithVariablesAndPanels() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        assertThat(dashboard.path("uid").asText()).isEqualTo("devcaster-operator");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(names(dashboard.path("templating").path("list"))).containsExactly("datasource", "namespace", "job");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id %s", panel.path("id")).isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            }
        }
        assertThat(titles(dashboard)).contains("Replicas up", "Leading", "Stalled Triggers", "Triggers by reason",
            "Remote calls by endpoint and status", "Rate limited (429)", "Reconcile latency", "Remote errors");
    }

    @Test
    void everyQueryParsesAsPromqlAndReadsOnlyExportedMetrics() throws Exception {
        Set<String> exported = new TreeSet<>(MetricsScrape.exercised().sampleNames());
        exported.add("up");
        List<String> exprs = exprs(new ObjectMapper().readTree(DASHBOARD.toFile()));
        assertThat(exprs).hasSizeGreaterThan(15);

        // Grafana's variables replaced by values, each query as a recording rule: promtool parses them all.
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode file = yaml.createObjectNode();
        ArrayNode rules = file.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
        for (int i = 0; i < exprs.size(); i++) {
            String promql = exprs.get(i).replace("$__rate_interval", "5m").replace("$namespace", "devcaster-system")
                .replace("$job", "devcaster-operator-metrics");
            rules.addObject().put("record", "dashboard:query_" + i).put("expr", promql);
            assertThat(PrometheusRulesTest.metricNames(promql)).as(promql).isNotEmpty().isSubsetOf(exported);
        }
        yaml.writeValue(dir.resolve("dashboard-queries.yaml").toFile(), file);

        PromTool.Result check = PromTool.run(dir, "check", "rules", "dashboard-queries.yaml");
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void stalledPanelsCountTheReasonsTheOperatorMarksStalled() throws Exception {
        Set<String> fix = Arrays.stream(ReadyReason.values()).filter(r -> r.outlook() == ReadyReason.Outlook.FIX)
            .map(Enum::name).collect(Collectors.toSet());
        List<String> stalled = exprs(new ObjectMapper().readTree(DASHBOARD.toFile())).stream()
            .filter(e -> e.contains("reason=~")).toList();

        assertThat(stalled).hasSize(2).allSatisfy(e -> {
            Matcher m = Pattern.compile("reason=~\"([^\"]+)\"").matcher(e);
            assertThat(m.find()).isTrue();
            assertThat(Set.of(m.group(1).split("\\|"))).isEqualTo(fix);
        });
    }

    @Test
    void chartShipsTheDashboardInAConfigMapForGrafanasSidecar() throws Exception {
        assertThat(RenderedChart.render(HelmChartTest.NS, "").all(ConfigMap.class)).isEmpty();

        RenderedChart chart = RenderedChart.render(HelmChartTest.NS, """
            metrics:
              grafanaDashboard: {enabled: true, annotations: {grafana_folder: Devcaster}, namespace: monitoring}
            """);
        ConfigMap configMap = chart.one(ConfigMap.class);

        assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(configMap.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Devcaster");
        assertThat(configMap.getMetadata().getNamespace()).isEqualTo("monitoring");
        assertThat(configMap.getData()).containsOnlyKeys("devcaster-operator.json");
        assertThat(new ObjectMapper().readTree(configMap.getData().get("devcaster-operator.json")))
            .isEqualTo(new ObjectMapper().readTree(Files.readString(DASHBOARD)));
    }

    private static List<String> exprs(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText());
            }
        }
        return exprs;
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    private static List<String> titles(JsonNode dashboard) {
        List<String> titles = new ArrayList<>();
        dashboard.path("panels").forEach(p -> titles.add(p.path("title").asText()));
        return titles;
    }
}
