package dev.devcaster.stress.chaos;

import dev.devcaster.emulator.DevcasterEmulator;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.requests.KeyFingerprint;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The fixed part of a chaos run: two projects (the operator's default key and a second key that a
 * Secret in every namespace holds), the same users with the same shape of connected accounts in
 * both, and the namespaces with their roles.
 *
 * <ul>
 *   <li>{@code chaos-0}, {@code chaos-1}: the default key serves them ({@code DEFAULT_API_KEY_NAMESPACES});
 *       their Triggers use either key. {@code chaos-1} carries {@code devcaster.dev/deletion-policy: Orphan}
 *       and holds the hostile Triggers.</li>
 *   <li>{@code chaos-2} and up: Secret only. {@code chaos-2} holds victim B and the Triggers that ask for
 *       the default key where it is not allowed.</li>
 *   <li>{@code chaos-0} holds victim A; one namespace from {@code chaos-3} up is deleted during the run.</li>
 * </ul>
 */
final class ChaosWorld {

    /** The operator's own namespace: its Lease and (as the chart makes it) its key vault Secret. */
    static final String LEASE_NAMESPACE = "chaos-system";
    static final String KEY_VAULT_SECRET = "devcaster-operator-keys";
    static final String VICTIM_USER = "victim";
    /** A user of its own for one hostile Trigger, so its account differs from the victim's. */
    static final String HOSTILE_USER = "stranger";

    final String defaultKey;
    final String teamKey;
    final List<String> namespaces;
    final List<String> defaultKeyNamespaces;
    final String orphanNamespace;
    final String hostileNamespace;
    final String deniedNamespace;
    final String doomedNamespace;
    final List<String> users;
    private final Map<TriggerModel.Key, Project> projects = new EnumMap<>(TriggerModel.Key.class);

    private ChaosWorld(String defaultKey, String teamKey, List<String> namespaces, String doomedNamespace,
                       List<String> users) {
        this.defaultKey = defaultKey;
        this.teamKey = teamKey;
        this.namespaces = namespaces;
        this.defaultKeyNamespaces = namespaces.subList(0, 2);
        this.orphanNamespace = namespaces.get(1);
        this.hostileNamespace = namespaces.get(1);
        this.deniedNamespace = namespaces.get(2);
        this.doomedNamespace = doomedNamespace;
        this.users = users;
    }

    /** Draws keys, users and accounts from the seed and seeds both projects in the emulator. */
    static ChaosWorld create(Random random, ChaosOptions options, DevcasterEmulator emulator) {
        List<String> namespaces = IntStream.range(0, options.namespaces()).mapToObj(i -> "chaos-" + i).toList();
        String doomed = namespaces.get(3 + random.nextInt(options.namespaces() - 3));
        int userCount = Math.max(6, options.triggers() / 15);
        List<String> users = IntStream.range(0, userCount).mapToObj(i -> String.format("user-%02d", i)).toList();
        ChaosWorld world = new ChaosWorld("dk_chaos_default_" + token(random), "dk_chaos_team_" + token(random),
            namespaces, doomed, users);
        world.projects.put(TriggerModel.Key.DEFAULT, emulator.project(world.defaultKey));
        world.projects.put(TriggerModel.Key.SECRET, emulator.project(world.teamKey));

        // The same shape in both projects (so a key switch finds the user's accounts again); ids differ.
        Instant now = Instant.now();
        record Shape(String user, int github, boolean gmail, List<Integer> ages) {
        }
        List<Shape> shapes = new ArrayList<>();
        for (String user : users) {
            int github = random.nextInt(100) < 50 ? 2 : 1;
            boolean gmail = random.nextInt(100) < 60;
            List<Integer> ages = IntStream.range(0, github + 1).mapToObj(i -> 10 + random.nextInt(100_000)).toList();
            shapes.add(new Shape(user, github, gmail, ages));
        }
        for (Project project : world.projects.values()) {
            for (Shape shape : shapes) {
                for (int i = 0; i < shape.github(); i++) {
                    project.addConnectedAccount(shape.user(), "github", AccountStatus.ACTIVE,
                        now.minus(shape.ages().get(i) + i, ChronoUnit.MINUTES));
                }
                if (shape.gmail()) {
                    project.addConnectedAccount(shape.user(), "gmail", AccountStatus.ACTIVE,
                        now.minus(shape.ages().get(shape.github()), ChronoUnit.MINUTES));
                }
            }
            project.addConnectedAccount(VICTIM_USER, "github", AccountStatus.ACTIVE, now.minus(5, ChronoUnit.DAYS));
            project.addConnectedAccount(HOSTILE_USER, "github", AccountStatus.ACTIVE, now.minus(4, ChronoUnit.DAYS));
        }
        return world;
    }

    /** Namespaces (with the Secret), the Orphan annotation and the Lease's namespace. */
    void applyTo(KubernetesClient client) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(LEASE_NAMESPACE).endMetadata()
            .build()).serverSideApply();
        // The chart creates the operator's key vault empty; an operator that does not keep one ignores it.
        client.secrets().inNamespace(LEASE_NAMESPACE).resource(new SecretBuilder().withNewMetadata()
            .withName(KEY_VAULT_SECRET).endMetadata().build()).serverSideApply();
        for (String ns : namespaces) {
            var meta = new NamespaceBuilder().withNewMetadata().withName(ns);
            if (ns.equals(orphanNamespace)) {
                meta.addToAnnotations(TriggerAnnotations.DELETION_POLICY, "Orphan");
            }
            client.namespaces().resource(meta.endMetadata().build()).serverSideApply();
            client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
                .withName(TriggerModel.SECRET_NAME).endMetadata()
                .withStringData(Map.of(TriggerModel.SECRET_KEY, teamKey)).build()).serverSideApply();
        }
    }

    Project project(TriggerModel.Key key) {
        return projects.get(key);
    }

    String key(TriggerModel.Key key) {
        return key == TriggerModel.Key.DEFAULT ? defaultKey : teamKey;
    }

    Optional<TriggerModel.Key> keyOfFingerprint(String fingerprint) {
        for (TriggerModel.Key k : TriggerModel.Key.values()) {
            if (KeyFingerprint.of(key(k)).equals(fingerprint)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    boolean defaultKeyServes(String namespace) {
        return defaultKeyNamespaces.contains(namespace);
    }

    /** Namespaces whose Triggers may use this key. */
    List<String> namespacesUsing(TriggerModel.Key key) {
        return key == TriggerModel.Key.DEFAULT ? defaultKeyNamespaces : namespaces;
    }

    List<String> watchedNamespaces() {
        return namespaces;
    }

    /** The user's newest ACTIVE account of the toolkit, as the SDK's rule picks it. */
    static Optional<ConnectedAccount> newestActive(Project project, String user, String toolkit) {
        return project.connectedAccounts().stream()
            .filter(a -> a.userId().equals(user) && a.toolkitSlug().equals(toolkit) && a.status() == AccountStatus.ACTIVE)
            .max(Comparator.comparing(ConnectedAccount::createdAt));
    }

    List<String> usersWith(TriggerModel.Key key, String toolkit) {
        return users.stream().filter(u -> newestActive(project(key), u, toolkit).isPresent()).toList();
    }

    List<ConnectedAccount> activeAccounts(TriggerModel.Key key, String toolkit) {
        return project(key).connectedAccounts().stream()
            .filter(a -> a.toolkitSlug().equals(toolkit) && a.status() == AccountStatus.ACTIVE
                && !a.userId().equals(VICTIM_USER) && !a.userId().equals(HOSTILE_USER))
            .sorted(Comparator.comparing(ConnectedAccount::id)).toList();
    }

    private static String token(Random random) {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
