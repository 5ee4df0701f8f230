package dev.devcaster.stress.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The seeded plan of one chaos run: which Triggers are created when (with their roles, keys, slugs,
 * users), when a random live Trigger is changed or deleted, when accounts expire, when the namespace
 * is deleted and when the leader is killed. What is changed exactly is drawn when the step runs
 * (from the same seed), because it depends on what is live then.
 */
final class Scenario {

    enum Kind { CREATE, MUTATE, EXPIRE_ACCOUNT, DELETE_NAMESPACE, CREATE_HOSTILE, DELETE_HOSTILE }

    /** One thing the driver does at {@code at} after the chaos window opened. */
    record Step(Duration at, Kind kind, TriggerModel trigger) {
    }

    private static final String[] GITHUB_SLUGS = {"GITHUB_COMMIT_EVENT", "GITHUB_COMMIT_EVENT", "GITHUB_STAR_ADDED_EVENT",
        "GITHUB_ISSUE_ADDED_EVENT", "GITHUB_PULL_REQUEST_EVENT"};
    static final String OLD_GITHUB_VERSION = "20250601_00";

    final List<Step> steps;
    final List<Duration> kills;
    final List<Duration> pauses;
    final Map<String, TriggerModel> triggers;

    Scenario(List<Step> steps, List<Duration> kills, List<Duration> pauses, Map<String, TriggerModel> triggers) {
        this.steps = steps;
        this.kills = kills;
        this.pauses = pauses;
        this.triggers = triggers;
    }

    static Scenario plan(Random random, ChaosOptions options, ChaosWorld world) {
        Duration window = options.chaosWindow();
        List<Step> steps = new ArrayList<>();
        Map<String, TriggerModel> triggers = new LinkedHashMap<>();
        int n = options.triggers();

        // Victims: created first, never changed; another namespace's hostile Triggers aim at their instances.
        TriggerModel victimA = victim(world.namespaces.get(0), "victim-a", TriggerModel.Key.DEFAULT);
        TriggerModel victimB = victim(world.namespaces.get(2), "victim-b", TriggerModel.Key.SECRET);
        for (TriggerModel v : List.of(victimA, victimB)) {
            triggers.put(v.id(), v);
            steps.add(new Step(Duration.ZERO, Kind.CREATE, v));
        }
        // Hostile: same project, another namespace, annotated with the victim's instance id.
        // hostile-a: same slug and account as victim-a (the hint matches, but another Trigger records that id);
        // hostile-b: another account (the hint does not even match what it resolves to).
        TriggerModel hostileA = hostile("hostile-a", TriggerModel.Role.HOSTILE, victimA, world);
        TriggerModel hostileB = hostile("hostile-b", TriggerModel.Role.HOSTILE, victimB, world);
        hostileB.userId = ChaosWorld.HOSTILE_USER;
        TriggerModel hostileInvalid = hostile("hostile-invalid", TriggerModel.Role.HOSTILE_INVALID, victimB, world);
        hostileInvalid.deletionPolicy = "Delete";
        for (TriggerModel h : List.of(hostileA, hostileB, hostileInvalid)) {
            triggers.put(h.id(), h);
            steps.add(new Step(at(window, 0.45 + random.nextDouble() * 0.15), Kind.CREATE_HOSTILE, h));
        }
        steps.add(new Step(at(window, 0.75 + random.nextDouble() * 0.1), Kind.DELETE_HOSTILE, hostileInvalid));

        // The default key where it is not allowed: CredentialsNotFound, no instance in the default project.
        int denied = Math.max(1, n / 100);
        for (int i = 0; i < denied; i++) {
            TriggerModel d = new TriggerModel(world.deniedNamespace, String.format("denied-%02d", i),
                TriggerModel.Role.DENIED_DEFAULT, String.format("denied-%02d", i), null);
            d.key = TriggerModel.Key.DEFAULT;
            d.slug = "GITHUB_STAR_ADDED_EVENT";
            d.userId = world.users.get(random.nextInt(world.users.size()));
            triggers.put(d.id(), d);
            steps.add(new Step(at(window, random.nextDouble() * 0.6), Kind.CREATE, d));
        }

        int twins = Math.max(2, n * 3 / 100);
        int normal = n - triggers.size() - twins;
        List<TriggerModel> normals = new ArrayList<>();
        Map<TriggerModel, Duration> createdAt = new LinkedHashMap<>();
        for (int i = 0; i < normal; i++) {
            String ns = world.namespaces.get(random.nextInt(world.namespaces.size()));
            TriggerModel t = normal(random, world, ns, String.format("t-%04d", i));
            triggers.put(t.id(), t);
            normals.add(t);
            // Half in a burst at the start, the rest spread over the first 60% of the window.
            Duration when = random.nextBoolean() ? Duration.ZERO : at(window, 0.05 + random.nextDouble() * 0.55);
            createdAt.put(t, when);
            steps.add(new Step(when, Kind.CREATE, t));
        }
        // Twins: same namespace, same slug, account and config as an older Trigger, created after it.
        for (int i = 0; i < twins; i++) {
            TriggerModel owner;
            do {
                owner = normals.get(random.nextInt(normals.size()));
            } while (owner.role != TriggerModel.Role.NORMAL);
            owner.role = TriggerModel.Role.TWIN_OWNER;
            TriggerModel twin = owner.copyAsTwin(owner.name + "-twin");
            twin.deletionPolicy = pick(random, null, "Delete", "Orphan");
            triggers.put(twin.id(), twin);
            Duration twinAt = createdAt.get(owner).plus(at(window, 0.02 + random.nextDouble() * 0.2));
            steps.add(new Step(min(twinAt, at(window, 0.7)), Kind.CREATE, twin));
        }

        int mutations = Math.round(n * 0.6f);
        for (int i = 0; i < mutations; i++) {
            steps.add(new Step(at(window, 0.1 + random.nextDouble() * 0.82), Kind.MUTATE, null));
        }
        int expirations = Math.max(2, n / 60);
        for (int i = 0; i < expirations; i++) {
            steps.add(new Step(at(window, 0.15 + random.nextDouble() * 0.7), Kind.EXPIRE_ACCOUNT, null));
        }
        steps.add(new Step(at(window, 0.35 + random.nextDouble() * 0.3), Kind.DELETE_NAMESPACE, null));

        List<Duration> kills = new ArrayList<>();
        for (int i = 0; i < options.kills(); i++) {
            kills.add(at(window, 0.05 + random.nextDouble() * 0.9));
        }
        kills.sort(Comparator.naturalOrder());
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < options.pauses(); i++) {
            pauses.add(at(window, 0.1 + random.nextDouble() * 0.7));
        }
        pauses.sort(Comparator.naturalOrder());
        steps.sort(Comparator.comparing(Step::at));
        return new Scenario(List.copyOf(steps), List.copyOf(kills), List.copyOf(pauses), triggers);
    }

    private static TriggerModel victim(String ns, String name, TriggerModel.Key key) {
        TriggerModel v = new TriggerModel(ns, name, TriggerModel.Role.VICTIM, name, null);
        v.key = key;
        v.slug = "GITHUB_COMMIT_EVENT";
        v.userId = ChaosWorld.VICTIM_USER;
        v.deletionPolicy = "Delete";
        return v;
    }

    private static TriggerModel hostile(String name, TriggerModel.Role role, TriggerModel victim, ChaosWorld world) {
        TriggerModel h = new TriggerModel(world.hostileNamespace, name, role, name, victim.name);
        h.key = victim.key;
        // Same slug and user (so the same account) as the victim, its own config: a hint never earns the id
        // (identity is earned; nobody adopts an instance another Trigger records), so it deserves Synced.
        h.slug = victim.slug;
        h.userId = victim.userId;
        h.deletionPolicy = "Delete";
        return h;
    }

    private static TriggerModel normal(Random random, ChaosWorld world, String ns, String name) {
        TriggerModel t = new TriggerModel(ns, name, TriggerModel.Role.NORMAL, name, null);
        t.key = world.defaultKeyServes(ns) && random.nextInt(100) < 60 ? TriggerModel.Key.DEFAULT : TriggerModel.Key.SECRET;
        boolean gmail = random.nextInt(100) < 15;
        t.slug = gmail ? "GMAIL_NEW_GMAIL_MESSAGE" : GITHUB_SLUGS[random.nextInt(GITHUB_SLUGS.length)];
        List<String> users = world.usersWith(t.key, t.toolkit());
        t.userId = users.get(random.nextInt(users.size()));
        if (random.nextInt(100) < 20) {
            var accounts = world.activeAccounts(t.key, t.toolkit());
            t.pinnedAccount = accounts.get(random.nextInt(accounts.size())).id();
        }
        t.toolkitVersion = randomVersion(random, t, null);
        t.enabled = random.nextInt(100) < 85;
        t.deletionPolicy = pick(random, null, null, "Delete", "Delete", "Orphan");
        return t;
    }

    /** A toolkit version valid for the slug, different from {@code not} when possible. */
    static String randomVersion(Random random, TriggerModel t, String not) {
        List<String> options = new ArrayList<>();
        options.add(null);
        options.add("latest");
        if (t.github() && !"GITHUB_PULL_REQUEST_EVENT".equals(t.slug)) {
            options.add(OLD_GITHUB_VERSION);
        }
        options.removeIf(v -> v == null ? not == null : v.equals(not));
        return options.get(random.nextInt(options.size()));
    }

    @SafeVarargs
    static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static Duration at(Duration window, double fraction) {
        return Duration.ofMillis(Math.round(window.toMillis() * Math.max(0, Math.min(1, fraction))));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
