package dev.devcaster.operator.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.devcaster.operator.config.OperatorConfig;
import dev.devcaster.operator.kubernetes.ClusterClient;
import dev.devcaster.operator.kubernetes.TrimmedTriggerStore;
import dev.devcaster.operator.reconcile.TriggerAddFilter;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerSpec;
import dev.devcaster.operator.trigger.TriggerState;
import dev.devcaster.operator.trigger.TriggerStatus;
import dev.devcaster.operator.triggertype.ConfigValidator;
import dev.devcaster.operator.webhook.CertificateAuthority;
import dev.devcaster.operator.webhook.Pem;
import dev.devcaster.operator.webhook.ServingCertificate;
import dev.devcaster.operator.webhook.SwappableKeyManager;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The training run of the container image's build ({@code Main --training}). The JVM runs it with
 * {@code -XX:ArchiveClassesAtExit} and archives every class it loaded; each start of the image then
 * maps that archive instead of finding, reading and verifying thousands of classes in the jars
 * again (application class data sharing). So it does once what a start does before its first
 * reconcile: reads the configuration and configures logging, builds the whole operator, lists
 * Triggers over TLS with the operator's own client and parses them into the informer's store,
 * and checks a config against a JSON Schema. The API server is a stand-in on the loopback with a
 * certificate of the webhook's own CA (whose classes a start loads too); nothing leaves the machine.
 */
public final class StartupTraining {

    private static final String TRIGGERS = "/apis/devcaster.dev/v1alpha1/triggers";

    private StartupTraining() {
    }

    public static void run() {
        OperatorConfig config = OperatorConfig.from(Map.of("DEVCASTER_API_KEY", "dk_training",
            "DEVCASTER_BASE_URL", "http://127.0.0.1:9", "HTTP_PORT", "0", "WEBHOOK_PORT", "0",
            "POD_NAMESPACE", "training", "POD_NAME", "training"));
        LoggerFactory.getLogger(StartupTraining.class).info("training run: loading what a start loads, for the "
            + "class data sharing archive");
        Instant now = Instant.now();
        CertificateAuthority ca = CertificateAuthority.create("training", now, Duration.ofHours(1));
        ServingCertificate serving = ca.issue(List.of("127.0.0.1"), now, Duration.ofHours(1));
        HttpsServer apiServer = standInApiServer(serving);
        try (KubernetesClient client = ClusterClient.of(new ConfigBuilder(Config.empty())
            .withMasterUrl("https://127.0.0.1:" + apiServer.getAddress().getPort())
            .withCaCertData(Base64.getEncoder().encodeToString(Pem.certificates(List.of(ca.certificate()))
                .getBytes(StandardCharsets.US_ASCII)))
            .build())) {
            apiServer.createContext(TRIGGERS, exchange -> respond(exchange,
                client.getKubernetesSerialization().asJson(Map.of("apiVersion", "devcaster.dev/v1alpha1",
                    "kind", "TriggerList", "metadata", Map.of("resourceVersion", "1"), "items", List.of(sample())))));
            apiServer.start();
            DevcasterOperator.create(config, client, Seams.production());
            TrimmedTriggerStore store = new TrimmedTriggerStore();
            TriggerAddFilter onAdd = new TriggerAddFilter();
            ConfigValidator validator = new ConfigValidator();
            JsonNode schema = schema();
            for (Trigger trigger : client.resources(Trigger.class).inAnyNamespace().list().getItems()) {
                store.put(Cache.metaNamespaceKeyFunc(trigger), trigger);
                onAdd.accept(trigger);
                validator.validate(schema, trigger.getSpec().getTriggerConfig());
            }
        } finally {
            apiServer.stop(0);
        }
    }

    /** A Trigger as the list of a running operator holds it: applied by a user, Synced, managed fields. */
    private static Trigger sample() {
        Trigger trigger = new Trigger();
        trigger.setMetadata(new ObjectMetaBuilder().withName("training").withNamespace("training").withUid("0")
            .withGeneration(1L).withResourceVersion("1").withFinalizers("triggers.devcaster.dev/finalizer")
            .withAnnotations(Map.of("devcaster.dev/remote-identity", "v1:p:SLUG:ca_0:0:0"))
            .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Apply")
                .withNewFieldsV1().addToAdditionalProperties("f:spec", Map.of("f:slug", Map.of())).endFieldsV1()
                .build())
            .build());
        TriggerSpec spec = new TriggerSpec();
        spec.setSlug("GITHUB_COMMIT_EVENT");
        spec.setUserId("training");
        spec.getTriggerConfig().put("owner", "acme");
        trigger.setSpec(spec);
        TriggerStatus status = new TriggerStatus();
        Condition ready = new ConditionBuilder().withType("Ready").withStatus("True").withReason("Synced")
            .withObservedGeneration(1L).withLastTransitionTime("2026-01-01T00:00:00Z").withMessage("training").build();
        status.setConditions(List.of(ready));
        status.setObservedGeneration(1L);
        status.setTriggerId("ti_training");
        status.setState(TriggerState.Enabled);
        trigger.setStatus(status);
        return trigger;
    }

    private static JsonNode schema() {
        try {
            return new ObjectMapper().readTree("{\"type\":\"object\",\"required\":[\"owner\"],"
                + "\"properties\":{\"owner\":{\"type\":\"string\",\"minLength\":1}}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpsServer standInApiServer(ServingCertificate serving) {
        SwappableKeyManager keys = new SwappableKeyManager();
        keys.use(serving);
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[] {keys}, null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    // The client's order, as kube-apiserver takes it: the suite a start decrypts its list with.
                    SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                    parameters.setUseCipherSuitesOrder(false);
                    params.setSSLParameters(parameters);
                }
            });
            return server;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JRE", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
