package dev.devcaster.operator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.devcaster.operator.testing.RepoPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings are declared once, in {@link Settings}; the README's configuration table, the
 * chart's values and the chart's Deployment must list exactly those.
 */
class ConfigurationDocsTest {

    record Row(String helmValue, String shownDefault, String meaning) {
    }

    @Test
    void readmeTableListsEverySettingAsDeclared() throws IOException {
        Map<String, Row> rows = readmeRows();

        assertThat(rows.keySet()).containsExactlyElementsOf(Settings.ALL.stream().map(Setting::env).toList());
        for (Setting<?> setting : Settings.ALL) {
            Row row = rows.get(setting.env());
            assertThat(row.helmValue()).as(setting.env() + " Helm value").contains(setting.helmValue());
            assertThat(plain(row.shownDefault())).as(setting.env() + " default").isEqualTo(plain(setting.shown()));
            assertThat(row.meaning()).as(setting.env() + " meaning").isEqualTo(setting.description());
        }
    }

    @Test
    void chartHasAValueForEverySettingAndPassesEachToTheOperator() throws IOException {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(RepoPaths.CHART.resolve("values.yaml").toFile());
        String deployment = Files.readString(RepoPaths.CHART.resolve("templates/deployment.yaml"));

        for (Setting<?> setting : Settings.ALL) {
            assertThat(deployment).as("deployment sets " + setting.env()).contains("name: " + setting.env());
            if (!setting.helmValue().startsWith("(")) {
                JsonNode node = values;
                for (String part : setting.helmValue().split("\\.")) {
                    node = node.path(part);
                }
                assertThat(node.isMissingNode()).as("values.yaml has " + setting.helmValue()).isFalse();
            }
        }
    }

    /** The rows of the table under "## Configuration": variable to (Helm value, default, meaning). */
    private static Map<String, Row> readmeRows() throws IOException {
        List<String> lines = Files.readAllLines(RepoPaths.ROOT.resolve("README.md"));
        int start = lines.indexOf("## Configuration");
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("## ") && !rows.isEmpty()) {
                break;
            }
            if (line.startsWith("| `")) {
                String[] cells = line.substring(1, line.length() - 1).split(" \\| ", 4);
                rows.put(plain(cells[0].trim()), new Row(cells[1].trim(), cells[2].trim(), cells[3].trim()));
            }
        }
        return rows;
    }

    private static String plain(String cell) {
        return cell.replace("`", "");
    }
}
