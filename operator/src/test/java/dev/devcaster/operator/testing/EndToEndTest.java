package dev.devcaster.operator.testing;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.emulator.store.Project;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.operator.client.DevcasterClient;
import dev.devcaster.operator.client.DevcasterClientConfig;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.UpsertTriggerRequest;
import dev.devcaster.operator.cluster.KubernetesClusterExtension;
import dev.devcaster.operator.cluster.TestNamespace;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;

/**
 * What an end-to-end test works with: the real cluster and a namespace of its own, the emulator
 * over HTTP with one project (this class's API key), and the operator built the production way.
 */
@ExtendWith({KubernetesClusterExtension.class, EmulatorExtension.class})
public abstract class EndToEndTest {

    public static final String UPSERT = "POST /api/v3/trigger_instances/{slug}/upsert";
    private static final ObjectMapper JSON = new ObjectMapper();

    protected KubernetesClient client;
    protected DevcasterEmulator emulator;
    protected Project project;
    protected String ns;
    protected TriggerAwait triggers;

    /** The API key of this test's project; the operator's default key unless a test says otherwise. */
    protected abstract String apiKey();

    @BeforeEach
    void connect(KubernetesClient client, DevcasterEmulator emulator, TestNamespace namespace) {
        this.client = client;
        this.emulator = emulator;
        this.project = emulator.project(apiKey());
        this.ns = namespace.name();
        this.triggers = new TriggerAwait(client, ns);
    }

    /** The operator for this namespace and the emulator, with this test's key as its default key. */
    protected RunningOperator.Builder operatorBuilder() {
        return RunningOperator.builder(client, ns, emulator.baseUrl()).defaultApiKey(apiKey());
    }

    protected RunningOperator operator() {
        return operatorBuilder().start();
    }

    protected ConnectedAccount account(String user, String toolkit, AccountStatus status, int minutesAgo) {
        return project.addConnectedAccount(user, toolkit, status, Instant.now().minus(minutesAgo, ChronoUnit.MINUTES));
    }

    protected Trigger apply(Trigger trigger) {
        return client.resources(Trigger.class).inNamespace(ns).resource(trigger).serverSideApply();
    }

    protected void delete(String name) {
        client.resources(Trigger.class).inNamespace(ns).withName(name).delete();
    }

    /** The remote trigger instances of this test's project. */
    protected List<TriggerInstance> remote() {
        return project.triggers();
    }

    /**
     * Creates a remote trigger the way an SDK user would (a real upsert over HTTP), outside the
     * operator; returns its id.
     */
    protected String sdkCreate(String connectedAccountId, String slug, Map<String, Object> config) {
        var sdk = new DevcasterClient(DevcasterClientConfig.defaults().withRateLimit(0, Duration.ZERO));
        return sdk.triggerInstances().upsert(new DevcasterCredentials(emulator.baseUrl(), apiKey()), slug,
            new UpsertTriggerRequest(connectedAccountId, JSON.valueToTree(config), null, null)).triggerId();
    }

    /** The Events of one Trigger. */
    protected List<Event> events(String name) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
            .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    /** A GITHUB_COMMIT_EVENT Trigger for acme/{repo}. */
    protected static Trigger githubCommits(String name, String user, String repo) {
        Trigger t = trigger(name, "GITHUB_COMMIT_EVENT", user);
        t.getSpec().getTriggerConfig().put("owner", "acme").put("repo", repo);
        return t;
    }

    /** A Secret holding an API key under {@code apiKey}. */
    protected static Secret apiKeySecret(String name, String apiKey) {
        return new SecretBuilder().withNewMetadata().withName(name).endMetadata()
            .withStringData(Map.of("apiKey", apiKey)).build();
    }
}
