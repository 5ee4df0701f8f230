package dev.devcaster.operator.testing;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.operator.cluster.TestNamespace;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;

/**
 * What an end-to-end test works with: the cluster, its own namespace, the emulator with one
 * project (API key), and the operator built the production way.
 */
public final class TestBed {

    private final KubernetesClient client;
    private final DevcasterEmulator emulator;
    private final String namespace;
    private final String apiKey;
    private final TriggerAwait triggers;

    public TestBed(KubernetesClient client, DevcasterEmulator emulator, TestNamespace namespace, String apiKey) {
        this.client = client;
        this.emulator = emulator;
        this.namespace = namespace.name();
        this.apiKey = apiKey;
        this.triggers = new TriggerAwait(client, this.namespace);
    }

    public KubernetesClient client() {
        return client;
    }

    public DevcasterEmulator emulator() {
        return emulator;
    }

    public String ns() {
        return namespace;
    }

    public String apiKey() {
        return apiKey;
    }

    public TriggerAwait triggers() {
        return triggers;
    }

    /** The project of this test's API key. */
    public Project project() {
        return emulator.project(apiKey);
    }

    /** The remote trigger instances of this test's project. */
    public List<TriggerInstance> remote() {
        return project().triggers();
    }

    /** The operator for this namespace and the emulator, with this test's key as its default key. */
    public RunningOperator.Builder operator() {
        return RunningOperator.builder(client, namespace, emulator.baseUrl()).defaultApiKey(apiKey);
    }

    public ConnectedAccount account(String user, String toolkit, AccountStatus status, int minutesAgo) {
        return project().addConnectedAccount(user, toolkit, status, Instant.now().minus(minutesAgo, ChronoUnit.MINUTES));
    }

    public Trigger apply(Trigger trigger) {
        return client.resources(Trigger.class).inNamespace(namespace).resource(trigger).serverSideApply();
    }

    public void delete(String name) {
        client.resources(Trigger.class).inNamespace(namespace).withName(name).delete();
    }

    /** The Events of one Trigger, oldest first. */
    public List<Event> events(String name) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
            .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    /** A GITHUB_COMMIT_EVENT Trigger for acme/{repo}. */
    public static Trigger githubCommits(String name, String user, String repo) {
        Trigger t = trigger(name, "GITHUB_COMMIT_EVENT", user);
        t.getSpec().getTriggerConfig().put("owner", "acme").put("repo", repo);
        return t;
    }

    /** A Secret holding an API key under {@code apiKey}. */
    public static Secret apiKeySecret(String name, String apiKey) {
        return new SecretBuilder().withNewMetadata().withName(name).endMetadata()
            .withStringData(Map.of("apiKey", apiKey)).build();
    }
}
