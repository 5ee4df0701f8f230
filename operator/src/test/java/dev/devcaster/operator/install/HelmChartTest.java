package dev.devcaster.operator.install;

import dev.devcaster.operator.testing.RepoPaths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.LintResult;
import dev.devcaster.operator.config.FailurePolicy;
import dev.devcaster.operator.config.LogFormat;
import dev.devcaster.operator.config.OperatorConfig;
import dev.devcaster.operator.config.Setting;
import dev.devcaster.operator.config.Settings;
import dev.devcaster.operator.config.ShardSelector;
import dev.devcaster.operator.trigger.DeletionPolicy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * helm lint and helm template of the chart, asserted on the rendered objects. The rendered
 * environment is fed to the operator's own {@link OperatorConfig}: what the chart renders is
 * what the operator accepts.
 */
class HelmChartTest {

    static final String NS = "devcaster-system";

    /** Exactly what the operator calls (see templates/rbac.yaml). */
    static final Set<String> OPERATOR_RULES = Set.of(
        "devcaster.dev/triggers:get,list,watch,patch,update",
        "devcaster.dev/triggers/status:get,patch,update",
        "devcaster.dev/triggers/finalizers:update",
        "/secrets:get",
        "/events:create,patch",
        "/namespaces:get");

    static final String VAULT = "devcaster-operator-keys";

    /** The Roles of the chart other than the key vault's and the webhook's. */
    static List<Role> rolesBesidesTheVault(RenderedChart chart) {
        return chart.all(Role.class).stream().filter(r -> !r.getMetadata().getName().endsWith("-key-vault"))
            .filter(r -> !webhookObject(r)).toList();
    }

    /** The admission webhook's own objects (Service, Secret, RBAC), named so. */
    static boolean webhookObject(HasMetadata object) {
        return object.getMetadata().getName().endsWith("-webhook") || object.getMetadata().getName().endsWith("-webhook-tls");
    }

    /** The one object of a kind that is not the webhook's. */
    static <T extends HasMetadata> T operatorOwn(RenderedChart chart, Class<T> type) {
        List<T> found = chart.all(type).stream().filter(o -> !webhookObject(o)).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    static Set<String> rules(List<PolicyRule> rules) {
        return rules.stream().flatMap(r -> r.getResources().stream().map(resource ->
                String.join(",", r.getApiGroups()) + "/" + resource + ":" + String.join(",", r.getVerbs())
                    + (r.getResourceNames() == null || r.getResourceNames().isEmpty() ? "" : "@" + r.getResourceNames())))
            .collect(Collectors.toSet());
    }

    @Test
    void chartPassesStrictLint() {
        LintResult result = RenderedChart.lint();

        assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).allSatisfy(m -> assertThat(m).doesNotContain("[ERROR]").doesNotContain("[WARNING]"));
    }

    @Test
    void chartCarriesTheGeneratedCrd() throws Exception {
        Path crds = RepoPaths.CHART.resolve("crds");
        try (var files = Files.list(crds)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("triggers.devcaster.dev.yaml");
        }
        assertThat(Files.readString(crds.resolve("triggers.devcaster.dev.yaml")))
            .isEqualTo(Files.readString(RepoPaths.ROOT.resolve("crds/triggers.devcaster.dev.yaml")));
    }

    @Test
    void defaultValuesRenderAClusterWideLeastPrivilegeInstall() {
        RenderedChart chart = RenderedChart.render(NS, "");

        assertThat(chart.kinds()).containsExactlyInAnyOrder(
            "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Service", "Deployment", "Secret", "Role",
            "RoleBinding", "ValidatingWebhookConfiguration",
            // the webhook's Service, certificate Secret and RBAC
            "Service", "Secret", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");
        assertThat(rules(operatorOwn(chart, ClusterRole.class).getRules())).isEqualTo(OPERATOR_RULES);
        // The key vault: one empty Secret the chart never fills (upgrades keep what the operator stored),
        // and get/patch/update of that Secret alone, in the release namespace.
        Secret vault = operatorOwn(chart, Secret.class);
        assertThat(vault.getMetadata().getName()).isEqualTo(VAULT);
        assertThat(vault.getData()).isNullOrEmpty();
        assertThat(vault.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        Role vaultRole = operatorOwn(chart, Role.class);
        assertThat(vaultRole.getMetadata().getNamespace()).isEqualTo(NS);
        assertThat(rules(vaultRole.getRules())).containsExactly("/secrets:get,patch,update@[" + VAULT + "]");
        assertThat(chart.envValue("KEY_VAULT_SECRET")).hasValue(VAULT);
        assertThat(chart.envValue("OPERATOR_NAMESPACE")).hasValue(NS);
        assertThat(chart.envValue("DEFAULT_API_KEY_NAMESPACES")).hasValue("");
        ClusterRoleBinding binding = operatorOwn(chart, ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(operatorOwn(chart, ClusterRole.class).getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(chart.one(ServiceAccount.class).getMetadata().getName());
            assertThat(s.getNamespace()).isEqualTo(NS);
        });

        Deployment deployment = chart.deployment();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(chart.one(ServiceAccount.class).getMetadata().getName());
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        Container c = chart.container();
        assertThat(c.getImage()).isEqualTo("ghcr.io/devcaster/devcaster-operator:0.1.0");
        assertThat(c.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
            .containsExactly("http-metrics:8080", "webhook:9443");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http-metrics");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");

        Map<String, EnvVar> env = chart.env();
        assertThat(env).doesNotContainKey("DEVCASTER_API_KEY").doesNotContainKey("LEADER_ELECTION_NAMESPACE");
        assertThat(chart.envValue("LEADER_ELECTION")).hasValue("false");
        assertThat(chart.envValue("WATCH_NAMESPACES")).hasValue("");
        assertThat(chart.envValue("JAVA_TOOL_OPTIONS")).hasValueSatisfying(v -> assertThat(v).contains("-XX:MaxRAMPercentage=75"));
        assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        assertThat(env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");

        Service service = operatorOwn(chart, Service.class);
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http-metrics");
            assertThat(p.getPort()).isEqualTo(8080);
        });
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

        // The operator's own parser accepts the rendered environment and reads the documented defaults.
        OperatorConfig config = OperatorConfig.from(chart.processEnv("devcaster-operator-abc"));
        assertThat(config.defaultApiKey()).isEmpty();
        assertThat(config.baseUrl()).hasToString("https://backend.devcaster.dev");
        assertThat(config.watchNamespaces()).isEmpty();
        assertThat(config.resyncPeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.concurrency()).isEqualTo(32);
        assertThat(config.rateLimit()).isEqualTo(20.0);
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.recheckPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.defaultDeletionPolicy()).isEqualTo(DeletionPolicy.Delete);
        assertThat(config.leaderElection()).isFalse();
        assertThat(config.get(Settings.LOG_FORMAT)).isEqualTo(LogFormat.TEXT);
        assertThat(config.httpPort()).isEqualTo(8080);
    }

    @Test
    void everyEnvironmentVariableIsOneTheOperatorReads() {
        RenderedChart chart = RenderedChart.render(NS, """
            replicaCount: 2
            devcaster: {apiKey: dk_test}
            """);
        Set<String> known = new java.util.HashSet<>(Settings.ALL.stream().map(Setting::env).toList());
        // the fallbacks the operator reads (downward API) and the JVM's own variable
        known.addAll(Set.of("POD_NAMESPACE", "JAVA_TOOL_OPTIONS"));

        assertThat(chart.env().keySet()).isSubsetOf(known).containsAll(
            known.stream().filter(n -> !n.equals("JAVA_TOOL_OPTIONS")).toList());
    }

    @Test
    void nonDefaultValuesMapOntoTheEnvironment() {
        RenderedChart chart = RenderedChart.render(NS, """
            devcaster:
              baseUrl: https://devcaster.internal.example:8443/
              apiKey: dk_live_123
            resyncPeriod: 30m
            defaultToolkitVersions: {slack: latest, github: "20250909_00"}
            concurrency: 4
            rateLimit: 2.5
            requestTimeout: 5s
            triggerTypeCacheTtl: 1h
            recheckPeriod: 30s
            defaultDeletionPolicy: Orphan
            logFormat: json
            logLevel: debug
            httpPort: 9090
            """);

        assertThat(chart.envValue("DEFAULT_TOOLKIT_VERSIONS")).hasValue("github=20250909_00,slack=latest");
        assertThat(chart.envValue("LOG_FORMAT")).hasValue("json");
        assertThat(chart.envValue("LOG_LEVEL")).hasValue("debug");
        assertThat(chart.container().getPorts().get(0).getContainerPort()).isEqualTo(9090);
        OperatorConfig config = OperatorConfig.from(chart.processEnv("pod-1"));
        assertThat(config.defaultApiKey()).isEmpty(); // from the Secret at run time, never a literal
        assertThat(config.baseUrl()).hasToString("https://devcaster.internal.example:8443");
        assertThat(config.resyncPeriod()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.get(Settings.DEFAULT_TOOLKIT_VERSIONS)).isEqualTo(Map.of("github", "20250909_00", "slack", "latest"));
        assertThat(config.concurrency()).isEqualTo(4);
        assertThat(config.rateLimit()).isEqualTo(2.5);
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.typeCacheTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.recheckPeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.defaultDeletionPolicy()).isEqualTo(DeletionPolicy.Orphan);
        assertThat(config.get(Settings.LOG_FORMAT)).isEqualTo(LogFormat.JSON);
        assertThat(config.httpPort()).isEqualTo(9090);
    }

    @Test
    void apiKeyGoesIntoTheChartsSecretAndIsReferencedNeverInlined() {
        RenderedChart chart = RenderedChart.render(NS, "devcaster: {apiKey: dk_live_secret_value}");

        Secret secret = chart.all(Secret.class).stream().filter(x -> !x.getMetadata().getName().equals(VAULT))
            .findFirst().orElseThrow();
        assertThat(secret.getMetadata().getNamespace()).isEqualTo(NS);
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("apiKey")), StandardCharsets.UTF_8))
            .isEqualTo("dk_live_secret_value");
        EnvVar apiKey = chart.env().get("DEVCASTER_API_KEY");
        assertThat(apiKey.getValue()).isNull();
        assertThat(apiKey.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
        assertThat(apiKey.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("apiKey");
        // Only the Secret holds the key; the Deployment carries a checksum that rolls pods on change.
        assertThat(chart.deployment().toString()).doesNotContain("dk_live_secret_value");
        assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("checksum/secret");
    }

    @Test
    void existingSecretIsReferencedAndNoSecretIsRendered() {
        RenderedChart chart = RenderedChart.render(NS, """
            devcaster: {existingSecret: team-devcaster, existingSecretKey: token}
            """);

        assertThat(chart.all(Secret.class)).extracting(x -> x.getMetadata().getName())
            .containsExactly(VAULT, "devcaster-operator-webhook-tls");
        EnvVar apiKey = chart.env().get("DEVCASTER_API_KEY");
        assertThat(apiKey.getValue()).isNull();
        assertThat(apiKey.getValueFrom().getSecretKeyRef().getName()).isEqualTo("team-devcaster");
        assertThat(apiKey.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
        assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getAnnotations()).doesNotContainKey("checksum/secret");
    }

    @Test
    void listedNamespacesGetRolesInsteadOfAClusterRole() {
        RenderedChart chart = RenderedChart.render(NS, "watchNamespaces: [team-a, team-b]");

        assertThat(chart.all(ClusterRole.class)).as("only the webhook's caBundle rule").allMatch(HelmChartTest::webhookObject);
        assertThat(chart.all(ClusterRoleBinding.class)).allMatch(HelmChartTest::webhookObject);
        assertThat(rolesBesidesTheVault(chart)).extracting(r -> r.getMetadata().getNamespace()).containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(rolesBesidesTheVault(chart)).allSatisfy(r -> assertThat(rules(r.getRules())).isEqualTo(OPERATOR_RULES));
        assertThat(chart.all(RoleBinding.class)).extracting(b -> b.getMetadata().getNamespace())
            .containsExactlyInAnyOrder("team-a", "team-b", NS, NS);
        assertThat(chart.all(RoleBinding.class)).allSatisfy(b -> assertThat(b.getSubjects()).singleElement()
            .satisfies(s -> assertThat(s.getNamespace()).isEqualTo(NS)));
        assertThat(chart.envValue("WATCH_NAMESPACES")).hasValue("team-a,team-b");
        assertThat(OperatorConfig.from(chart.processEnv("p")).watchNamespaces()).containsExactlyInAnyOrder("team-a", "team-b");
    }

    @Test
    void twoReplicasTurnOnLeaderElectionWithALeaseRoleInTheReleaseNamespace() {
        RenderedChart chart = RenderedChart.render(NS, "replicaCount: 2");

        assertThat(chart.envValue("LEADER_ELECTION")).hasValue("true");
        assertThat(chart.envValue("LEADER_ELECTION_NAMESPACE")).hasValue(NS);
        assertThat(chart.envValue("LEADER_ELECTION_LEASE_NAME")).hasValue("devcaster-operator");
        assertThat(chart.deployment().getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        Role lease = rolesBesidesTheVault(chart).get(0);
        assertThat(lease.getMetadata().getNamespace()).isEqualTo(NS);
        assertThat(rules(lease.getRules())).containsExactlyInAnyOrder(
            "coordination.k8s.io/leases:create", "coordination.k8s.io/leases:get,update,patch@[devcaster-operator]");
        assertThat(chart.all(RoleBinding.class)).anySatisfy(b ->
            assertThat(b.getRoleRef().getName()).isEqualTo(lease.getMetadata().getName()));
        OperatorConfig config = OperatorConfig.from(chart.processEnv("devcaster-operator-7d9f-x2"));
        assertThat(config.leaderElection()).isTrue();
        assertThat(config.leaderElectionNamespace()).isEqualTo(NS);
        assertThat(config.leaderElectionIdentity()).isEqualTo("devcaster-operator-7d9f-x2");

        // One replica: no Lease rights at all; explicitly on: the Role is there.
        assertThat(rolesBesidesTheVault(RenderedChart.render(NS, ""))).isEmpty();
        assertThat(rolesBesidesTheVault(RenderedChart.render(NS, "leaderElection: {enabled: true}")))
            .singleElement().satisfies(r -> assertThat(r.getMetadata().getName()).endsWith("-leader-election"));
    }

    @Test
    void serviceMonitorAndPodDisruptionBudgetAreOptional() {
        RenderedChart chart = RenderedChart.render(NS, """
            replicaCount: 2
            metrics:
              serviceMonitor: {enabled: true, interval: 15s, labels: {release: prometheus}}
            podDisruptionBudget: {enabled: true}
            """);

        GenericKubernetesResource monitor = chart.all(GenericKubernetesResource.class).stream()
            .filter(r -> r.getKind().equals("ServiceMonitor")).findFirst().orElseThrow();
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        Map<String, Object> endpoint = monitor.<List<Map<String, Object>>>get("spec", "endpoints").get(0);
        assertThat(endpoint).containsEntry("port", "http-metrics").containsEntry("path", "/metrics").containsEntry("interval", "15s");
        assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"))
            .isEqualTo(operatorOwn(chart, Service.class).getMetadata().getLabels().entrySet().stream()
                .filter(e -> chart.deployment().getSpec().getSelector().getMatchLabels().containsKey(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        PodDisruptionBudget pdb = chart.one(PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(chart.deployment().getSpec().getSelector().getMatchLabels());
    }

    @Test
    void podRunsRestrictedWithAReadOnlyRootFilesystem() {
        PodSpec pod = RenderedChart.render(NS, "").deployment().getSpec().getTemplate().getSpec();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var sc = pod.getContainers().get(0).getSecurityContext();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getRunAsNonRoot()).isTrue();
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(pod.getContainers().get(0).getVolumeMounts()).singleElement().satisfies(m -> {
            assertThat(m.getMountPath()).isEqualTo("/tmp");
            assertThat(pod.getVolumes()).singleElement().satisfies(v -> {
                assertThat(v.getName()).isEqualTo(m.getName());
                assertThat(v.getEmptyDir()).isNotNull();
            });
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "logFormat: xml                              | logFormat",
        "defaultDeletionPolicy: Keep                 | defaultDeletionPolicy",
        "resyncPeriod: ten minutes                   | resyncPeriod",
        "'defaultToolkitVersions: {github: v2}'      | defaultToolkitVersions",
        "watchNamespaces: Team_A                     | watchNamespaces",
        "concurrency: 0                              | concurrency",
        "rateLimit: -1                               | rateLimit",
        "logLevel: verbose                           | logLevel",
        "resyncPerod: 5m                             | resyncPerod",
        "'devcaster: {baseUrl: ftp://example.com}'   | baseUrl",
    })
    void valuesSchemaRejectsBadValuesAtTemplateTime(String values, String field) {
        assertThatThrownBy(() -> RenderedChart.render(NS, values))
            .hasMessageContaining("values don't meet the specifications of the schema")
            .hasMessageContaining(field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'devcaster: {apiKey: k, existingSecret: s}'            | not both",
        "'{replicaCount: 2, leaderElection: {enabled: false}}'  | needs leader election",
        "'devcaster: {caBundle: {configMap: a, secret: b}}'     | not both",
    })
    void contradictoryValuesFailWithAClearMessage(String values, String message) {
        assertThatThrownBy(() -> RenderedChart.render(NS, values)).hasMessageContaining(message);
    }

    /**
     * The schema's duration pattern accepts exactly what the operator's parser accepts, so a value
     * that passes {@code helm install} never crash-loops the pod ({@code PT0S} used to). The one
     * deliberate difference: ISO-8601 with signs, which the schema refuses.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "30s, true", "10m, true", "1h, true", "500ms, true", "010s, true", "999999999999999h, true",
        "PT10M, true", "pt10m, true", "PT0.5S, true", "'PT0,5S', true", "P1D, true", "P1DT12H, true", "PT1H30M, true",
        "PT1M0S, true", "P0DT0H1S, true", "PT1.S, true",
        "0s, false", "0ms, false", "00m, false", "PT0S, false", "PT0M, false", "P0D, false", "PT0.000S, false",
        "PT0H0M0S, false", "P, false", "PT, false", "P1DT, false", "10, false", "10S, false", "10 s, false",
        "1d, false", "-10s, false", "PT-10M, false", "PT0.0000000001S, false", "ten minutes, false",
    })
    void durationSchemaAgreesWithTheOperator(String duration, boolean valid) {
        boolean operatorAccepts;
        try {
            OperatorConfig.from(Map.of(Settings.RESYNC_PERIOD.env(), duration));
            operatorAccepts = true;
        } catch (dev.devcaster.operator.config.ConfigException e) {
            operatorAccepts = false;
        }
        assertThat(operatorAccepts).as("the operator's verdict on %s", duration).isEqualTo(valid);

        for (Setting<Duration> setting : List.of(Settings.RESYNC_PERIOD, Settings.REQUEST_TIMEOUT, Settings.TYPE_CACHE_TTL,
            Settings.RECHECK_PERIOD)) {
            String value = setting.helmValue();
            String values = value + ": '" + duration + "'";
            if (valid) {
                RenderedChart chart = RenderedChart.render(NS, values);
                assertThat(OperatorConfig.from(chart.processEnv("p")).get(setting)).isPositive();
            } else {
                assertThatThrownBy(() -> RenderedChart.render(NS, values)).as(values)
                    .hasMessageContaining("values don't meet the specifications of the schema").hasMessageContaining(value);
            }
        }
    }

    @Test
    void signedIsoDurationsAreTheOnlyOnesTheSchemaRefusesAndTheOperatorTakes() {
        assertThat(OperatorConfig.from(Map.of(Settings.RESYNC_PERIOD.env(), "PT1H-30M")).resyncPeriod())
            .isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> RenderedChart.render(NS, "resyncPeriod: PT1H-30M")).hasMessageContaining("resyncPeriod");
    }

    @Test
    void chartDeclaresItsKubernetesVersionAndWhereItComesFrom() throws Exception {
        JsonNode chart = new ObjectMapper(new YAMLFactory()).readTree(RepoPaths.CHART.resolve("Chart.yaml").toFile());

        assertThat(chart.path("kubeVersion").asText()).isEqualTo(">=1.25.0-0");
        assertThatThrownBy(() -> RenderedChart.render(RenderedChart.RELEASE, NS, "", "1.24.9"))
            .hasMessageContaining("chart requires kubeVersion: >=1.25.0-0");
        assertThat(RenderedChart.render(RenderedChart.RELEASE, NS, "", "1.25.0").kinds()).contains("Deployment");
        assertThat(chart.path("home").asText()).startsWith("https://");
        assertThat(chart.path("sources").get(0).asText()).startsWith("https://");
        assertThat(chart.path("maintainers").get(0).path("name").asText()).isNotBlank();
        // The CRD's CEL rules are what needs 1.25: the generated CRD has them.
        assertThat(Files.readString(RepoPaths.CHART.resolve("crds/triggers.devcaster.dev.yaml"))).contains("x-kubernetes-validations");
    }

    @Test
    void proxyAndCaBundleReachTheOperator() {
        RenderedChart chart = RenderedChart.render(NS, """
            devcaster:
              proxy: http://proxy.corp.example:3128
              caBundle: {configMap: corporate-ca, key: bundle.pem}
            """);

        assertThat(chart.envValue("DEVCASTER_PROXY")).hasValue("http://proxy.corp.example:3128");
        assertThat(chart.envValue("DEVCASTER_CA_BUNDLE")).hasValue("/etc/devcaster/ca/bundle.pem");
        PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("ca-bundle")).singleElement().satisfies(v -> {
            assertThat(v.getConfigMap().getName()).isEqualTo("corporate-ca");
            assertThat(v.getConfigMap().getItems()).singleElement().satisfies(i -> {
                assertThat(i.getKey()).isEqualTo("bundle.pem");
                assertThat(i.getPath()).isEqualTo("bundle.pem");
            });
        });
        assertThat(chart.container().getVolumeMounts()).filteredOn(m -> m.getName().equals("ca-bundle")).singleElement()
            .satisfies(m -> {
                assertThat(m.getMountPath()).isEqualTo("/etc/devcaster/ca");
                assertThat(m.getReadOnly()).isTrue();
            });
        assertThat(OperatorConfig.from(Map.of("DEVCASTER_PROXY", chart.envValue("DEVCASTER_PROXY").orElseThrow()))
            .get(Settings.PROXY)).hasValue(java.net.URI.create("http://proxy.corp.example:3128"));

        RenderedChart fromSecret = RenderedChart.render(NS, "devcaster: {caBundle: {secret: corporate-ca}}");
        assertThat(fromSecret.envValue("DEVCASTER_CA_BUNDLE")).hasValue("/etc/devcaster/ca/ca.crt");
        assertThat(fromSecret.deployment().getSpec().getTemplate().getSpec().getVolumes())
            .filteredOn(v -> v.getName().equals("ca-bundle")).singleElement()
            .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("corporate-ca"));

        // Neither set: both variables are empty, which the operator reads as "none".
        RenderedChart plain = RenderedChart.render(NS, "");
        assertThat(plain.envValue("DEVCASTER_PROXY")).hasValue("");
        assertThat(plain.envValue("DEVCASTER_CA_BUNDLE")).hasValue("");
        OperatorConfig config = OperatorConfig.from(plain.processEnv("p"));
        assertThat(config.get(Settings.PROXY)).isEmpty();
        assertThat(config.get(Settings.CA_BUNDLE)).isEmpty();
        assertThatThrownBy(() -> RenderedChart.render(NS, "devcaster: {proxy: 'https://proxy:3128'}")).hasMessageContaining("proxy");
        assertThatThrownBy(() -> RenderedChart.render(NS, "devcaster: {proxy: 'http://user:pw@proxy:3128'}")).hasMessageContaining("proxy");
    }

    @Test
    void extraEnvIsAddedButNeverRepeatsAVariableTheChartSets() {
        RenderedChart chart = RenderedChart.render(NS, """
            extraEnv:
              - {name: TZ, value: Europe/Berlin}
              - name: OTEL_SERVICE_NAME
                valueFrom: {fieldRef: {fieldPath: metadata.name}}
            """);
        assertThat(chart.envValue("TZ")).hasValue("Europe/Berlin");
        assertThat(chart.env().get("OTEL_SERVICE_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");

        Set<String> chartSets = new java.util.TreeSet<>(Settings.ALL.stream().map(Setting::env).toList());
        chartSets.addAll(Set.of("POD_NAMESPACE", "JAVA_TOOL_OPTIONS"));
        for (String name : chartSets) {
            assertThatThrownBy(() -> RenderedChart.render(NS, "extraEnv: [{name: " + name + ", value: x}]"))
                .as(name).hasMessageContaining("extraEnv: " + name + " is set by the chart");
        }
    }

    @Test
    void securityContextsCanBeAdjustedAndStayRestrictedByDefault() {
        RenderedChart chart = RenderedChart.render(NS, """
            podSecurityContext: {runAsUser: null, runAsGroup: null, fsGroup: null}
            securityContext: {runAsUser: null, runAsGroup: null}
            """);
        PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();

        // e.g. OpenShift's restricted SCC assigns the uid: the chart names none, the rest stays.
        assertThat(pod.getSecurityContext().getRunAsUser()).isNull();
        assertThat(pod.getSecurityContext().getFsGroup()).isNull();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var sc = pod.getContainers().get(0).getSecurityContext();
        assertThat(sc.getRunAsUser()).isNull();
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    void managedCrdIsTheGeneratedOneKeptOnUninstall() throws Exception {
        assertThat(RenderedChart.render(NS, "").kinds()).doesNotContain("CustomResourceDefinition");

        RenderedChart chart = RenderedChart.render(NS, "crds: {managed: true}");
        CustomResourceDefinition crd = chart.one(CustomResourceDefinition.class);
        CustomResourceDefinition committed = (CustomResourceDefinition) Manifests.read(
            RepoPaths.CHART.resolve("crds/triggers.devcaster.dev.yaml")).get(0);

        assertThat(crd.getMetadata().getName()).isEqualTo("triggers.devcaster.dev");
        assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(crd.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm");
        assertThat(crd.getSpec()).isEqualTo(committed.getSpec());
    }

    @Test
    void helmTestPodChecksReadyzThroughTheServiceUnderRestrictedPodSecurity() throws Exception {
        RenderedChart chart = RenderedChart.render(NS, "");
        Pod test = testPod("");

        assertThat(Files.readString(RepoPaths.CHART.resolve("templates/tests/readyz.yaml")))
            .contains("helm.sh/hook: test", "helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded");
        assertThat(test.getSpec().getRestartPolicy()).isEqualTo("Never");
        // The Service (and a PodDisruptionBudget) must never select the test Pod.
        assertThat(test.getMetadata().getLabels().entrySet()
            .containsAll(operatorOwn(chart, Service.class).getSpec().getSelector().entrySet())).isFalse();
        assertThat(test.getSpec().getAutomountServiceAccountToken()).isFalse();
        Container c = test.getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo(chart.container().getImage());
        String service = operatorOwn(chart, Service.class).getMetadata().getName();
        assertThat(c.getCommand()).containsSubsequence("java", "dev.devcaster.operator.http.ReadyCheck",
            "http://" + service + "." + NS + ".svc:8080/readyz");
        assertThat(test.getSpec().getSecurityContext()).isEqualTo(chart.deployment().getSpec().getTemplate().getSpec().getSecurityContext());
        assertThat(c.getSecurityContext()).isEqualTo(chart.container().getSecurityContext());

        assertThat(RenderedChart.hooks(NS, "tests: {enabled: false}")).isEmpty();
        assertThat(RenderedChart.hooks(NS, "metrics: {service: {enabled: false}}")).isEmpty();
    }

    static Pod testPod(String values) {
        List<io.fabric8.kubernetes.api.model.HasMetadata> hooks = RenderedChart.hooks(NS, values);
        assertThat(hooks).hasSize(1);
        return (Pod) hooks.get(0);
    }

    /** The hook's command line, run here against a real /readyz: exit 0 when ready, 1 when not. */
    @Test
    void helmTestCommandPassesOnlyWhenTheOperatorIsReady() throws Exception {
        List<String> command = testPod("").getSpec().getContainers().get(0).getCommand();
        assertThat(command.get(command.indexOf("-cp") + 1)).as("the image's classpath (its ENTRYPOINT's)")
            .isEqualTo(imageClasspath());
        java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (var health = new dev.devcaster.operator.http.HealthServer(new java.net.InetSocketAddress("127.0.0.1", 0), ready::get,
            new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT))) {
            String local = "http://127.0.0.1:" + health.port() + "/readyz";
            assertThat(run(command, local, "4")).isZero();
            ready.set(false);
            assertThat(run(command, local, "3")).isEqualTo(1);
        }
    }

    /** The classpath of the image's ENTRYPOINT (exec form) in operator/Dockerfile. */
    private static String imageClasspath() throws Exception {
        String entrypoint = Files.readAllLines(Path.of("Dockerfile")).stream().filter(l -> l.startsWith("ENTRYPOINT "))
            .findFirst().orElseThrow().substring("ENTRYPOINT ".length());
        List<String> command = new com.fasterxml.jackson.databind.ObjectMapper().readValue(entrypoint,
            new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { });
        return command.get(command.indexOf("-cp") + 1);
    }

    /** The rendered command with this JVM, this classpath and a local URL in place of the image's and the Service's. */
    private static int run(List<String> command, String url, String seconds) throws Exception {
        List<String> local = new java.util.ArrayList<>();
        for (String arg : command) {
            if (arg.equals("java")) {
                local.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            } else if (arg.startsWith("/app/")) {
                local.add(System.getProperty("java.class.path"));
            } else if (arg.startsWith("http://")) {
                local.add(url);
            } else if (arg.equals("60")) {
                local.add(seconds);
            } else {
                local.add(arg);
            }
        }
        Process process = new ProcessBuilder(local).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(out).contains(url);
        return process.exitValue();
    }

    static final String WEBHOOK_CONFIGURATION = NS + "-devcaster-operator";

    @Test
    void theWebhookIsOnByDefaultWithTheOperatorsOwnCaAndRightsForExactlyItsTwoObjects() {
        RenderedChart chart = RenderedChart.render(NS, "");

        ValidatingWebhookConfiguration configuration = chart.one(ValidatingWebhookConfiguration.class);
        assertThat(configuration.getMetadata().getName()).isEqualTo(WEBHOOK_CONFIGURATION);
        assertThat(configuration.getMetadata().getAnnotations()).isNullOrEmpty();
        ValidatingWebhook webhook = configuration.getWebhooks().get(0);
        assertThat(configuration.getWebhooks()).hasSize(1);
        assertThat(webhook.getName()).isEqualTo("triggers.devcaster.dev");
        assertThat(webhook.getFailurePolicy()).isEqualTo("Ignore");
        assertThat(webhook.getSideEffects()).as("so --dry-run=server calls it").isEqualTo("None");
        assertThat(webhook.getTimeoutSeconds()).isEqualTo(5);
        assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
        assertThat(webhook.getNamespaceSelector()).isNull();
        assertThat(webhook.getRules()).singleElement().satisfies(r -> {
            assertThat(r.getApiGroups()).containsExactly("devcaster.dev");
            assertThat(r.getOperations()).containsExactly("CREATE", "UPDATE");
            assertThat(r.getResources()).containsExactly("triggers");
        });
        assertThat(webhook.getClientConfig().getCaBundle()).as("the operator writes it").isNull();
        Service service = chart.all(Service.class).stream().filter(HelmChartTest::webhookObject).findFirst().orElseThrow();
        assertThat(webhook.getClientConfig().getService().getName()).isEqualTo(service.getMetadata().getName());
        assertThat(webhook.getClientConfig().getService().getNamespace()).isEqualTo(NS);
        assertThat(webhook.getClientConfig().getService().getPath()).isEqualTo("/validate-trigger");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(webhook.getClientConfig().getService().getPort());
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("webhook");
        });
        assertThat(service.getSpec().getSelector()).isEqualTo(chart.deployment().getSpec().getSelector().getMatchLabels());

        // Least privilege: the one Secret (get, update) and the one configuration (get, patch); no create.
        Secret tls = chart.all(Secret.class).stream().filter(HelmChartTest::webhookObject).findFirst().orElseThrow();
        assertThat(tls.getData()).isNullOrEmpty();
        Role role = chart.all(Role.class).stream().filter(HelmChartTest::webhookObject).findFirst().orElseThrow();
        assertThat(rules(role.getRules())).containsExactly("/secrets:get,update@[" + tls.getMetadata().getName() + "]");
        ClusterRole clusterRole = chart.all(ClusterRole.class).stream().filter(HelmChartTest::webhookObject).findFirst()
            .orElseThrow();
        assertThat(rules(clusterRole.getRules())).containsExactly(
            "admissionregistration.k8s.io/validatingwebhookconfigurations:get,patch@[" + WEBHOOK_CONFIGURATION + "]");

        OperatorConfig config = OperatorConfig.from(chart.processEnv("devcaster-operator-abc"));
        assertThat(config.webhookPort()).isEqualTo(9443);
        assertThat(config.get(Settings.WEBHOOK_CONFIGURATION)).isEqualTo(WEBHOOK_CONFIGURATION);
        assertThat(config.get(Settings.WEBHOOK_CERT_SECRET)).isEqualTo(tls.getMetadata().getName());
        assertThat(config.get(Settings.WEBHOOK_CERT_DIR)).isEmpty();
        assertThat(config.get(Settings.WEBHOOK_FAILURE_POLICY)).isEqualTo(FailurePolicy.Ignore);
        assertThat(config.get(Settings.WEBHOOK_TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.get(Settings.WEBHOOK_HOSTS)).contains(service.getMetadata().getName() + "." + NS + ".svc",
            service.getMetadata().getName() + "." + NS + ".svc.cluster.local");
    }

    @Test
    void theWebhookCanBeStrictOrOffAndCoversOnlyTheWatchedNamespaces() {
        RenderedChart strict = RenderedChart.render(NS, """
            webhook: {failurePolicy: Fail, timeoutSeconds: 3}
            watchNamespaces: [team-a, team-b]
            """);
        ValidatingWebhook webhook = strict.one(ValidatingWebhookConfiguration.class).getWebhooks().get(0);
        assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
        assertThat(webhook.getTimeoutSeconds()).isEqualTo(3);
        assertThat(webhook.getNamespaceSelector().getMatchExpressions()).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
            assertThat(e.getValues()).containsExactly("team-a", "team-b");
        });
        OperatorConfig config = OperatorConfig.from(strict.processEnv("p"));
        assertThat(config.get(Settings.WEBHOOK_FAILURE_POLICY)).isEqualTo(FailurePolicy.Fail);
        assertThat(config.get(Settings.WEBHOOK_TIMEOUT)).isEqualTo(Duration.ofSeconds(3));

        RenderedChart off = RenderedChart.render(NS, "webhook: {enabled: false}");
        assertThat(off.kinds()).doesNotContain("ValidatingWebhookConfiguration");
        assertThat(off.objects()).noneMatch(HelmChartTest::webhookObject);
        assertThat(off.container().getPorts()).extracting(p -> p.getName()).containsExactly("http-metrics");
        assertThat(OperatorConfig.from(off.processEnv("p")).webhookPort()).isZero();

        assertThatThrownBy(() -> RenderedChart.render(NS, "webhook: {failurePolicy: Never}")).hasMessageContaining("failurePolicy");
        assertThatThrownBy(() -> RenderedChart.render(NS, "webhook: {timeoutSeconds: 31}")).hasMessageContaining("timeoutSeconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"devcaster.dev/shard=b", " devcaster.dev/shard == b ", "devcaster.dev/shard!=b",
        "devcaster.dev/shard in (a, b),tier", "devcaster.dev/shard notin (a,b), !legacy", "team=, gpu"})
    void aShardsWebhookIsAskedOnlyAboutItsOwnTriggersAsTheOperatorSelectsThem(String selector) {
        RenderedChart chart = RenderedChart.render(NS, "shard: {selector: '" + selector + "'}");
        ValidatingWebhook webhook = chart.one(ValidatingWebhookConfiguration.class).getWebhooks().get(0);
        ShardSelector operatorSide = OperatorConfig.from(chart.processEnv("p")).shardSelector();
        assertThat(operatorSide.text()).isEqualTo(selector.trim());
        assertThat(expressions(webhook.getObjectSelector())).isNotEmpty()
            .isEqualTo(expressions(operatorSide.asLabelSelector()));
        assertThat(webhook.getObjectSelector().getMatchLabels()).isNullOrEmpty();

        assertThat(RenderedChart.render(NS, "").one(ValidatingWebhookConfiguration.class).getWebhooks().get(0)
            .getObjectSelector()).isNull();
    }

    /** key, operator and values of each requirement, no values and an empty list alike. */
    static List<String> expressions(LabelSelector selector) {
        return selector.getMatchExpressions().stream().map(r -> r.getKey() + " " + r.getOperator() + " "
            + Objects.requireNonNullElse(r.getValues(), List.of())).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shard in (a", "=b", "shard=a,", "shard in ()", "shard in (a,b c)", "shard>1"})
    void aShardSelectorTheOperatorWouldRefuseFailsTheInstall(String selector) {
        assertThatThrownBy(() -> ShardSelector.parse(selector)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RenderedChart.render(NS, "shard: {selector: '" + selector + "'}"))
            .hasMessageContaining("shard.selector").hasMessageContaining("is not a label selector");
    }

    @Test
    void withCertManagerItIssuesAndInjectsAndTheOperatorOnlyReadsTheMountedCertificate() {
        RenderedChart chart = RenderedChart.render(NS, "webhook: {certManager: {enabled: true}}");

        List<GenericKubernetesResource> certManager = chart.all(GenericKubernetesResource.class).stream()
            .filter(r -> r.getApiVersion().equals("cert-manager.io/v1")).toList();
        assertThat(certManager).extracting(r -> r.getKind() + "/" + r.getMetadata().getName()).containsExactlyInAnyOrder(
            "Issuer/devcaster-operator-selfsigned", "Certificate/devcaster-operator-webhook-ca",
            "Issuer/devcaster-operator-webhook-ca", "Certificate/devcaster-operator-webhook");
        GenericKubernetesResource serving = certManager.stream()
            .filter(r -> r.getMetadata().getName().equals("devcaster-operator-webhook")).findFirst().orElseThrow();
        assertThat(serving.<String>get("spec", "secretName")).isEqualTo("devcaster-operator-webhook-tls");
        assertThat(serving.<List<String>>get("spec", "dnsNames")).contains("devcaster-operator-webhook." + NS + ".svc");
        assertThat(serving.<String>get("spec", "issuerRef", "name")).isEqualTo("devcaster-operator-webhook-ca");
        assertThat(chart.one(ValidatingWebhookConfiguration.class).getMetadata().getAnnotations())
            .containsEntry("cert-manager.io/inject-ca-from", NS + "/devcaster-operator-webhook");
        // cert-manager writes the Secret and the caBundle: no Secret of the chart, no rights for them.
        assertThat(chart.all(Secret.class)).noneMatch(HelmChartTest::webhookObject);
        assertThat(chart.all(Role.class)).noneMatch(HelmChartTest::webhookObject);
        assertThat(chart.all(ClusterRole.class)).noneMatch(HelmChartTest::webhookObject);
        PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("webhook-tls");
            assertThat(v.getSecret().getSecretName()).isEqualTo("devcaster-operator-webhook-tls");
        });
        assertThat(chart.container().getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("webhook-tls");
            assertThat(m.getMountPath()).isEqualTo("/etc/devcaster/webhook-tls");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(OperatorConfig.from(chart.processEnv("p")).get(Settings.WEBHOOK_CERT_DIR))
            .hasValue(Path.of("/etc/devcaster/webhook-tls"));

        RenderedChart ownIssuer = RenderedChart.render(NS, """
            webhook: {certManager: {enabled: true, issuerRef: {kind: ClusterIssuer, name: corporate-ca}}}
            """);
        List<GenericKubernetesResource> issued = ownIssuer.all(GenericKubernetesResource.class).stream()
            .filter(r -> r.getApiVersion().equals("cert-manager.io/v1")).toList();
        assertThat(issued).singleElement().satisfies(c -> {
            assertThat(c.getKind()).isEqualTo("Certificate");
            assertThat(c.<String>get("spec", "issuerRef", "kind")).isEqualTo("ClusterIssuer");
            assertThat(c.<String>get("spec", "issuerRef", "name")).isEqualTo("corporate-ca");
        });
    }
}
