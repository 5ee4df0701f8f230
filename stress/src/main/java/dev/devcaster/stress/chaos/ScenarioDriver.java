package dev.devcaster.stress.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.stress.process.Sleeps;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * Runs the scenario's steps at their moments: creates Triggers, changes and deletes random live
 * ones, expires accounts, deletes a namespace, plants the hostile Triggers. Keeps the model (what
 * was declared) up to date, which the invariants are checked against.
 */
final class ScenarioDriver {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Mutation { CONFIG, ENABLED, VERSION, ACCOUNT, KEY, POLICY, DELETE }

    private static final Mutation[] WEIGHTED = weighted(Map.of(Mutation.CONFIG, 22, Mutation.ENABLED, 15,
        Mutation.VERSION, 13, Mutation.ACCOUNT, 15, Mutation.KEY, 10, Mutation.POLICY, 7, Mutation.DELETE, 18));

    private final KubernetesClient client;
    private final ChaosWorld world;
    private final Scenario scenario;
    private final Random random;
    private final Map<String, Integer> counts = new TreeMap<>();
    private final List<String> journal = new ArrayList<>();
    private final List<String> expired = new ArrayList<>();
    /** Victim → its instance id when the hostile Trigger was planted. */
    private final Map<String, String> victimIds = new TreeMap<>();
    private Instant windowStart;
    private Instant namespaceDeletedAt;

    ScenarioDriver(KubernetesClient client, ChaosWorld world, Scenario scenario, Random random) {
        this.client = client;
        this.world = world;
        this.scenario = scenario;
        this.random = random;
    }

    /** Runs every step at its time; returns when the last one ran. */
    void run(Instant start) {
        this.windowStart = start;
        for (Scenario.Step step : scenario.steps) {
            Instant due = start.plus(step.at());
            long wait = Duration.between(Instant.now(), due).toMillis();
            if (wait > 0) {
                Sleeps.millis(wait);
            }
            try {
                execute(step);
            } catch (KubernetesClientException e) {
                note("step " + step.kind() + " failed: " + e.getCode() + " " + e.getMessage());
                count("failedSteps");
            }
        }
    }

    private void execute(Scenario.Step step) {
        switch (step.kind()) {
            case CREATE -> create(step.trigger());
            case CREATE_HOSTILE -> createHostile(step.trigger());
            case DELETE_HOSTILE -> delete(step.trigger());
            case MUTATE -> mutate();
            case EXPIRE_ACCOUNT -> expireAccount();
            case DELETE_NAMESPACE -> deleteNamespace();
        }
    }

    private void create(TriggerModel t) {
        if (t.namespace.equals(world.doomedNamespace) && namespaceDeletedAt != null) {
            count("skippedCreatesInDeletedNamespace");
            return;
        }
        client.resources(Trigger.class).inNamespace(t.namespace).resource(t.toResource()).create();
        t.createdAt = Instant.now();
        count("created");
        count("created." + t.role.name().toLowerCase());
    }

    private TriggerModel victimOf(TriggerModel h) {
        return scenario.triggers.get(world.namespaces.get(h.other.equals("victim-a") ? 0 : 2) + "/" + h.other);
    }

    private Optional<String> victimId(TriggerModel victim, Duration within) {
        Optional<String> id = Optional.empty();
        Instant deadline = Instant.now().plus(within);
        while (id.isEmpty() && Instant.now().isBefore(deadline)) {
            Trigger live = client.resources(Trigger.class).inNamespace(victim.namespace).withName(victim.name).get();
            id = live == null || live.getStatus() == null ? Optional.empty() : Optional.ofNullable(live.getStatus().getTriggerId());
            if (id.isEmpty()) {
                Sleeps.millis(500);
            }
        }
        return id;
    }

    /**
     * Hostile Triggers planted while their victim had no id yet (faults kept it from syncing) get the
     * victim's id now, once it has one: the cross-namespace check then has something to check.
     */
    void plantPendingHostiles() {
        for (TriggerModel h : scenario.triggers.values()) {
            if (h.role != TriggerModel.Role.HOSTILE && h.role != TriggerModel.Role.HOSTILE_INVALID
                || !h.live() || h.hostileAnnotation != null) {
                continue;
            }
            TriggerModel victim = victimOf(h);
            Optional<String> id = victim.live() ? victimId(victim, Duration.ofSeconds(60)) : Optional.empty();
            if (id.isEmpty()) {
                continue;
            }
            h.hostileAnnotation = id.get();
            victimIds.put(victim.id(), id.get());
            client.resources(Trigger.class).inNamespace(h.namespace).withName(h.name).edit(t -> {
                if (t.getMetadata().getAnnotations() == null) {
                    t.getMetadata().setAnnotations(new HashMap<>());
                }
                t.getMetadata().getAnnotations().put(TriggerAnnotations.TRIGGER_ID, id.get());
                return t;
            });
            count("hostileAnnotatedLate");
            note(h.id() + " annotated late with " + TriggerAnnotations.TRIGGER_ID + "=" + id.get() + " (" + victim.id() + "'s)");
        }
    }

    private void createHostile(TriggerModel h) {
        TriggerModel victim = victimOf(h);
        Optional<String> id = victimId(victim, Duration.ofSeconds(20));
        if (id.isEmpty()) {
            note(h.name + ": victim " + victim.id() + " had no trigger id within 20 s; planted without annotation, "
                + "annotated once the faults stop");
            count("hostileWithoutVictimId");
        } else {
            h.hostileAnnotation = id.get();
            victimIds.put(victim.id(), id.get());
        }
        create(h);
        note(h.id() + " planted with " + TriggerAnnotations.TRIGGER_ID + "=" + h.hostileAnnotation + " (" + victim.id() + "'s)");
    }

    private void mutate() {
        Mutation m = WEIGHTED[random.nextInt(WEIGHTED.length)];
        // Twins and their owners keep their specs (so who deserves Conflict stays clear), but may be deleted.
        List<TriggerModel> candidates = scenario.triggers.values().stream()
            .filter(t -> t.mutable() || m == Mutation.DELETE && t.live()
                && (t.role == TriggerModel.Role.TWIN || t.role == TriggerModel.Role.TWIN_OWNER))
            .filter(t -> !t.namespace.equals(world.doomedNamespace) || namespaceDeletedAt == null)
            .sorted(Comparator.comparing(TriggerModel::id)).toList();
        if (candidates.isEmpty()) {
            count("mutationsWithoutCandidate");
            return;
        }
        TriggerModel t = candidates.get(random.nextInt(candidates.size()));
        mutate(t, m);
    }

    private void mutate(TriggerModel t, Mutation kind) {
        Mutation m = kind;
        switch (m) {
            case CONFIG -> t.configVersion++;
            case ENABLED -> t.enabled = !t.enabled;
            case VERSION -> t.toolkitVersion = Scenario.randomVersion(random, t, t.toolkitVersion);
            case ACCOUNT -> changeAccount(t);
            case KEY -> {
                if (!world.defaultKeyServes(t.namespace) || t.pinnedAccount != null) {
                    m = Mutation.CONFIG;
                    t.configVersion++;
                } else {
                    t.key = t.key == TriggerModel.Key.DEFAULT ? TriggerModel.Key.SECRET : TriggerModel.Key.DEFAULT;
                    // The other project may not know the user for this toolkit: keep to users it knows.
                    List<String> users = world.usersWith(t.key, t.toolkit());
                    if (!users.contains(t.userId) && !users.isEmpty()) {
                        t.userId = users.get(random.nextInt(users.size()));
                    }
                }
            }
            case POLICY -> t.deletionPolicy = Scenario.pick(random, null, "Delete", "Orphan");
            case DELETE -> {
                delete(t);
                count("mutation." + m.name().toLowerCase());
                return;
            }
        }
        patch(t);
        t.changes++;
        count("mutation." + m.name().toLowerCase());
    }

    private void changeAccount(TriggerModel t) {
        if (t.pinnedAccount != null || random.nextBoolean()) {
            t.pinnedAccount = null;
            List<String> users = world.usersWith(t.key, t.toolkit());
            if (!users.isEmpty()) {
                t.userId = users.get(random.nextInt(users.size()));
            }
        } else {
            List<ConnectedAccount> accounts = world.activeAccounts(t.key, t.toolkit());
            if (!accounts.isEmpty()) {
                ConnectedAccount a = accounts.get(random.nextInt(accounts.size()));
                t.pinnedAccount = a.id();
                t.userId = a.userId();
            }
        }
    }

    private void patch(TriggerModel t) {
        try {
            client.resources(Trigger.class).inNamespace(t.namespace).withName(t.name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(t.specPatch()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void delete(TriggerModel t) {
        if (!t.live()) {
            return;
        }
        t.deletedWithPolicy = effectivePolicy(t);
        t.deletedAt = Instant.now();
        t.deletedBy = "delete";
        client.resources(Trigger.class).inNamespace(t.namespace).withName(t.name).delete();
        count("deleted");
        count("deleted." + t.deletedWithPolicy.toLowerCase());
    }

    private String effectivePolicy(TriggerModel t) {
        if (t.deletionPolicy != null) {
            return t.deletionPolicy;
        }
        return t.namespace.equals(world.orphanNamespace) ? "Orphan" : "Delete";
    }

    private void expireAccount() {
        List<String[]> choices = new ArrayList<>();
        for (TriggerModel.Key key : TriggerModel.Key.values()) {
            for (String user : world.users) {
                for (String toolkit : List.of("github", "gmail")) {
                    if (ChaosWorld.newestActive(world.project(key), user, toolkit).isPresent()) {
                        choices.add(new String[] {key.name(), user, toolkit});
                    }
                }
            }
        }
        if (choices.isEmpty()) {
            return;
        }
        String[] c = choices.get(random.nextInt(choices.size()));
        TriggerModel.Key key = TriggerModel.Key.valueOf(c[0]);
        List<ConnectedAccount> active = world.project(key).connectedAccounts().stream()
            .filter(a -> a.userId().equals(c[1]) && a.toolkitSlug().equals(c[2]) && a.status() == AccountStatus.ACTIVE)
            .sorted(Comparator.comparing(ConnectedAccount::createdAt).reversed()).toList();
        // Mostly the newest (the one Triggers run on, so they move or lose their account), else any.
        ConnectedAccount victim = random.nextInt(100) < 70 ? active.get(0) : active.get(random.nextInt(active.size()));
        world.project(key).setAccountStatus(victim.id(), AccountStatus.EXPIRED);
        String what = key + "/" + c[1] + "/" + c[2] + " " + victim.id() + " (" + (active.size() - 1) + " ACTIVE left)";
        expired.add(what);
        note("expired " + what);
        count("accountsExpired");
    }

    private void deleteNamespace() {
        String ns = world.doomedNamespace;
        for (TriggerModel t : scenario.triggers.values()) {
            if (t.namespace.equals(ns) && t.live()) {
                t.deletedWithPolicy = effectivePolicy(t);
                t.deletedAt = Instant.now();
                t.deletedBy = "namespace";
            }
        }
        namespaceDeletedAt = Instant.now();
        client.namespaces().withName(ns).delete();
        note("deleted namespace " + ns);
        count("namespacesDeleted");
    }

    Optional<Namespace> doomedNamespace() {
        return Optional.ofNullable(client.namespaces().withName(world.doomedNamespace).get());
    }

    Optional<Instant> namespaceDeletedAt() {
        return Optional.ofNullable(namespaceDeletedAt);
    }

    Map<String, Integer> counts() {
        return counts;
    }

    List<String> journal() {
        return journal;
    }

    List<String> expired() {
        return expired;
    }

    Map<String, String> victimIds() {
        return victimIds;
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    private void note(String what) {
        journal.add(String.format("+%.1fs %s", Duration.between(windowStart, Instant.now()).toMillis() / 1000.0, what));
    }

    private static Mutation[] weighted(Map<Mutation, Integer> weights) {
        List<Mutation> list = new ArrayList<>();
        for (Mutation m : Mutation.values()) {
            for (int i = 0; i < weights.get(m); i++) {
                list.add(m);
            }
        }
        return list.toArray(Mutation[]::new);
    }
}
