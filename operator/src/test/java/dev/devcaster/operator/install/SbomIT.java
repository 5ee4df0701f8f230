package dev.devcaster.operator.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `mvn package` wrote the operator's CycloneDX SBOM (the failsafe tier runs after package). */
class SbomIT {

    @Test
    void packageWritesACycloneDxSbomOfTheRuntimeLibraries() throws Exception {
        Path bom = Path.of("target/bom.json");
        assertThat(bom).isRegularFile();
        JsonNode sbom = new ObjectMapper().readTree(bom.toFile());

        assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(sbom.path("metadata").path("component").path("name").asText()).isEqualTo("devcaster-operator");
        List<String> components = new ArrayList<>();
        sbom.path("components").forEach(c -> components.add(c.path("group").asText() + ":" + c.path("name").asText()));
        assertThat(components).contains("io.javaoperatorsdk:operator-framework-core", "io.fabric8:kubernetes-client",
            "io.micrometer:micrometer-registry-prometheus", "com.networknt:json-schema-validator");
        // Runtime only: no test libraries.
        assertThat(components).noneMatch(c -> c.startsWith("org.junit") || c.startsWith("org.assertj")
            || c.startsWith("com.marcnuri") || c.startsWith("dev.cel"));
    }
}
