package dev.devcaster.operator.install;

import dev.devcaster.operator.testing.RepoPaths;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** The documents a user of a mature operator looks for exist, say what they must, and the README links them. */
class ProjectDocsTest {

    @Test
    void licenseIsTheFullApacheLicense() throws Exception {
        String license = Files.readString(RepoPaths.ROOT.resolve("LICENSE"));

        assertThat(license).contains("Apache License", "Version 2.0, January 2004",
            "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION", "END OF TERMS AND CONDITIONS",
            "APPENDIX: How to apply the Apache License to your work.");
        assertThat(license.lines().count()).isGreaterThan(190);
    }

    @Test
    void changelogKeepsAChangelogWithAnUnreleasedSection() throws Exception {
        String changelog = Files.readString(RepoPaths.ROOT.resolve("CHANGELOG.md"));

        assertThat(changelog).startsWith("# Changelog").contains("keepachangelog.com", "## [Unreleased]", "### Added");
    }

    @Test
    void securityAndUpgradeGuidesCoverTheEssentials() throws Exception {
        assertThat(Files.readString(RepoPaths.ROOT.resolve("SECURITY.md")))
            .contains("## Reporting a vulnerability", "API keys", "Secrets", "Tenants", "bom.json");
        assertThat(Files.readString(RepoPaths.ROOT.resolve("docs/upgrading.md")))
            .contains("CRD first, then the chart", "crds/triggers.devcaster.dev.yaml", "crds.managed", "## 3. Verify",
                "helm test");
    }

    @Test
    void readmeLinksThem() throws Exception {
        String readme = Files.readString(RepoPaths.ROOT.resolve("README.md"));

        assertThat(readme).contains("(docs/upgrading.md)", "(CHANGELOG.md)", "(SECURITY.md)", "(LICENSE)",
            "operator/target/bom.json");
    }
}
