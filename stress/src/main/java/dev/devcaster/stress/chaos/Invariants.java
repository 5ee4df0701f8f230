package dev.devcaster.stress.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.devcaster.emulator.model.TriggerInstance;
import dev.devcaster.emulator.requests.RequestRecord;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.stress.chaos.Expectations.Expect;
import dev.devcaster.stress.chaos.Expectations.Expectation;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The guarantees the chaos program proves, each checked against what both sides hold at the end.
 * Every failure names the offending Triggers or instance ids, so it can be followed in the
 * replicas' logs and the emulator's request log.
 */
final class Invariants {

    /** One invariant's verdict; {@code offenders} lists every item that breaks it. */
    record Result(String name, boolean pass, String summary, List<String> offenders) {
    }

    static final String SYNCED_HAVE_INSTANCE = "every Synced Trigger has its one instance";
    static final String NO_DUPLICATES = "0 duplicate instances of live Triggers";
    static final String NO_LEAKS = "0 leaked instances";
    static final String CONDITIONS = "every Trigger Ready or the condition it deserves";
    static final String DELETIONS = "deletions complete (finalizers, namespace)";
    static final String NO_KEYS = "no API key in logs, Events or status";
    static final String NO_CROSS_NAMESPACE = "no instance of another namespace touched";
    static final String NO_STATUS_REGRESSION = "no status write went backwards";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChaosWorld world;
    private final Scenario scenario;
    private final ScenarioDriver driver;
    private final InstanceHistory history;
    private final Instant windowStart;
    private final boolean slugAndAccount;
    private final StatusWatch statusWatch;

    Invariants(ChaosWorld world, Scenario scenario, ScenarioDriver driver, InstanceHistory history, Instant windowStart,
               boolean slugAndAccount, StatusWatch statusWatch) {
        this.slugAndAccount = slugAndAccount;
        this.statusWatch = statusWatch;
        this.world = world;
        this.scenario = scenario;
        this.driver = driver;
        this.history = history;
        this.windowStart = windowStart;
    }

    /** The invariants that the cluster and Devcaster state alone decide (cheap: used while waiting). */
    List<Result> checkState(Observation o) {
        Map<String, Expectation> expected = Expectations.of(o, scenario, slugAndAccount, statusWatch::firstSynced);
        List<Result> results = new ArrayList<>();
        results.add(syncedHaveInstance(o, expected));
        InstanceAccounting accounting = InstanceAccounting.of(o, scenario, this::at, statusWatch::holdersOf);
        results.add(new Result(NO_DUPLICATES, accounting.duplicates.isEmpty(),
            accounting.duplicates.size() + " extra instances held for live Triggers", accounting.duplicates));
        results.add(new Result(NO_LEAKS, accounting.leaks.isEmpty(), String.format(
            "%d instances: %d recorded by live Triggers, %d left by Orphan deletions, %d held by Triggers still being "
                + "deleted, %d leaked", accounting.total, accounting.recorded, accounting.orphaned,
            accounting.awaitingDeletion, accounting.leaks.size()), accounting.leaks));
        results.add(conditions(expected));
        results.add(deletions(o));
        results.add(crossNamespace(o, List.of()));
        List<String> regressions = statusWatch.regressions();
        results.add(new Result(NO_STATUS_REGRESSION, regressions.isEmpty(), statusWatch.updates()
            + " Trigger updates watched, " + regressions.size() + " with an older observedGeneration than before", regressions));
        return results;
    }

    /** Everything: the state invariants, plus keys in logs/Events/status and the request log's touches. */
    List<Result> checkAll(Observation o, List<Path> logs, List<RequestRecord> requests) {
        List<Result> results = new ArrayList<>(checkState(o));
        int cross = results.indexOf(results.stream().filter(r -> r.name().equals(NO_CROSS_NAMESPACE)).findFirst().orElseThrow());
        results.set(cross, crossNamespace(o, requests));
        results.add(cross, noKeys(o, logs));
        return results;
    }

    // ---- Synced Triggers and their instances ---------------------------------------------------

    private Result syncedHaveInstance(Observation o, Map<String, Expectation> expected) {
        List<String> offenders = new ArrayList<>();
        int synced = 0;
        for (Expectation e : expected.values()) {
            if (e.expect() != Expect.SYNCED || e.live() == null) {
                continue;
            }
            synced++;
            TriggerModel m = e.model();
            String id = e.live().getStatus() == null ? null : e.live().getStatus().getTriggerId();
            if (id == null) {
                offenders.add(m.id() + ": no status.triggerId");
                continue;
            }
            Optional<TriggerInstance> instance = find(o, m.key, id);
            if (instance.isEmpty()) {
                TriggerModel.Key other = m.key == TriggerModel.Key.DEFAULT ? TriggerModel.Key.SECRET : TriggerModel.Key.DEFAULT;
                offenders.add(m.id() + ": " + id + (find(o, other, id).isPresent()
                    ? " is in the " + other + " project, the Trigger uses the " + m.key + " key"
                    : " does not exist in the " + m.key + " project"));
                continue;
            }
            TriggerInstance i = instance.get();
            List<String> wrong = new ArrayList<>();
            if (!i.slug().equalsIgnoreCase(m.slug)) {
                wrong.add("slug " + i.slug());
            }
            if (!i.connectedAccountId().equals(e.account())) {
                wrong.add("account " + i.connectedAccountId() + " instead of " + e.account());
            }
            if (!sameConfig(m.config(), i.config())) {
                wrong.add("config " + i.config() + " instead of " + m.config());
            }
            if (i.enabled() != m.enabled) {
                wrong.add(i.enabled() ? "enabled, spec says disabled" : "disabled, spec says enabled");
            }
            if (!wrong.isEmpty()) {
                offenders.add(m.id() + ": " + id + " " + String.join("; ", wrong));
            }
        }
        return new Result(SYNCED_HAVE_INSTANCE, offenders.isEmpty(),
            (synced - offenders.size()) + "/" + synced + " deserving Synced have exactly their instance", offenders);
    }

    // ---- conditions ----------------------------------------------------------------------------

    private Result conditions(Map<String, Expectation> expected) {
        List<String> offenders = new ArrayList<>();
        Map<String, Integer> byExpect = new TreeMap<>();
        for (Expectation e : expected.values()) {
            byExpect.merge(e.expect().name(), 1, Integer::sum);
            Trigger t = e.live();
            String id = e.model().id();
            if (t == null) {
                offenders.add(id + ": declared and never deleted, but not in the cluster");
                continue;
            }
            Optional<Condition> ready = ready(t);
            long generation = t.getMetadata().getGeneration() == null ? 0 : t.getMetadata().getGeneration();
            String got = ready.map(c -> c.getStatus() + "/" + c.getReason() + " (observed gen " + c.getObservedGeneration()
                + " of " + generation + "): " + shorten(c.getMessage())).orElse("no Ready condition");
            boolean reasonOk = ready.map(c -> e.expect().reasons.contains(c.getReason())).orElse(false);
            boolean statusOk = ready.map(c -> (e.expect() == Expect.SYNCED) == "True".equals(c.getStatus())).orElse(false);
            boolean current = ready.map(c -> Objects.equals(c.getObservedGeneration(), generation)).orElse(false);
            if (!reasonOk || !statusOk || !current) {
                offenders.add(id + ": deserves " + String.join("|", e.expect().reasons) + " (" + e.why() + "), got " + got);
            }
        }
        return new Result(CONDITIONS, offenders.isEmpty(), (expected.size() - offenders.size()) + "/" + expected.size()
            + " as deserved " + byExpect, offenders);
    }

    static Optional<Condition> ready(Trigger t) {
        return t.getStatus() == null || t.getStatus().getConditions() == null ? Optional.empty()
            : t.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    // ---- deletions -----------------------------------------------------------------------------

    private Result deletions(Observation o) {
        List<String> offenders = new ArrayList<>();
        int deleted = 0;
        for (TriggerModel m : scenario.triggers.values()) {
            if (m.deletedAt == null) {
                continue;
            }
            deleted++;
            Trigger t = o.triggers().get(m.id());
            if (t != null) {
                offenders.add(m.id() + ": deleted (" + m.deletedBy + ", policy " + m.deletedWithPolicy + ") at "
                    + at(m.deletedAt) + ", still there with finalizers " + t.getMetadata().getFinalizers() + "; "
                    + ready(t).map(c -> c.getReason() + ": " + shorten(c.getMessage())).orElse("no Ready condition"));
            }
        }
        String nsNote = "";
        if (driver.namespaceDeletedAt().isPresent()) {
            Namespace ns = o.namespaces().get(world.doomedNamespace);
            if (ns != null) {
                offenders.add("namespace " + world.doomedNamespace + " deleted at " + at(driver.namespaceDeletedAt().get())
                    + ", still " + (ns.getStatus() == null ? "?" : ns.getStatus().getPhase()) + ": "
                    + (ns.getStatus() == null || ns.getStatus().getConditions() == null ? "" : ns.getStatus().getConditions()
                        .stream().filter(c -> "True".equals(c.getStatus())).map(c -> c.getType() + " " + shorten(c.getMessage()))
                        .collect(Collectors.joining("; "))));
            }
            nsNote = ", namespace " + world.doomedNamespace + (ns == null ? " gone" : " still there");
        }
        return new Result(DELETIONS, offenders.isEmpty(), (deleted - offenders.stream().filter(s -> !s.startsWith("namespace"))
            .count()) + "/" + deleted + " deleted Triggers gone" + nsNote, offenders);
    }

    // ---- API keys --------------------------------------------------------------------------------

    private Result noKeys(Observation o, List<Path> logs) {
        List<String> needles = List.of(world.defaultKey, world.teamKey,
            world.defaultKey.substring(world.defaultKey.length() - 20), world.teamKey.substring(world.teamKey.length() - 20));
        List<String> offenders = new ArrayList<>();
        long lines = 0;
        for (Path log : logs) {
            try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    lines++;
                    if (containsAny(line, needles)) {
                        offenders.add(log.getFileName() + ":" + n + ": " + mask(shorten(line), needles));
                    }
                }
            } catch (IOException e) {
                offenders.add(log.getFileName() + ": unreadable: " + e.getMessage());
            }
        }
        int events = 0;
        for (Event e : o.events()) {
            events++;
            String text = String.join(" ", Objects.toString(e.getMessage(), ""), Objects.toString(e.getReason(), ""),
                Objects.toString(e.getAction(), ""));
            if (containsAny(text, needles)) {
                offenders.add("Event " + e.getMetadata().getNamespace() + "/" + e.getMetadata().getName() + ": "
                    + mask(shorten(text), needles));
            }
        }
        for (Trigger t : o.triggers().values()) {
            String text;
            try {
                text = JSON.writeValueAsString(t.getStatus()) + JSON.writeValueAsString(t.getMetadata().getAnnotations());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                text = String.valueOf(t.getStatus());
            }
            if (containsAny(text, needles)) {
                offenders.add("status of " + t.getMetadata().getNamespace() + "/" + t.getMetadata().getName());
            }
        }
        return new Result(NO_KEYS, offenders.isEmpty(), String.format("searched %d log lines (%d files), %d Events, %d statuses",
            lines, logs.size(), events, o.triggers().size()), offenders);
    }

    private static boolean containsAny(String text, List<String> needles) {
        return needles.stream().anyMatch(text::contains);
    }

    private static String mask(String text, List<String> needles) {
        String masked = text;
        for (String n : needles) {
            masked = masked.replace(n, "<API KEY>");
        }
        return masked;
    }

    // ---- other namespaces' instances --------------------------------------------------------

    private Result crossNamespace(Observation o, List<RequestRecord> requests) {
        List<String> offenders = new ArrayList<>();
        Map<String, String> victims = driver.victimIds();
        for (Map.Entry<String, String> v : victims.entrySet()) {
            TriggerModel victim = scenario.triggers.get(v.getKey());
            String id = v.getValue();
            Trigger live = o.triggers().get(victim.id());
            String now = live == null || live.getStatus() == null ? null : live.getStatus().getTriggerId();
            if (!id.equals(now)) {
                offenders.add(victim.id() + ": its instance " + id + " was replaced by " + now
                    + " after another namespace's Trigger named it");
            }
            Optional<TriggerInstance> instance = find(o, victim.key, id);
            if (instance.isEmpty()) {
                offenders.add(victim.id() + ": its instance " + id + " is gone");
            } else if (!instance.get().enabled() || !sameConfig(victim.config(), instance.get().config())) {
                offenders.add(victim.id() + ": its instance " + id + " was changed: " + instance.get().config()
                    + (instance.get().enabled() ? "" : ", disabled"));
            }
            for (Trigger t : o.triggers().values()) {
                if (!t.getMetadata().getNamespace().equals(victim.namespace) && t.getStatus() != null
                    && id.equals(t.getStatus().getTriggerId())) {
                    offenders.add(t.getMetadata().getNamespace() + "/" + t.getMetadata().getName() + " records "
                        + victim.id() + "'s instance " + id + " as its own");
                }
            }
            for (RequestRecord r : requests) {
                if (id.equals(r.triggerId()) && ("PATCH".equals(r.method()) || "DELETE".equals(r.method()))) {
                    offenders.add(r.method() + " " + r.path() + " at " + at(r.at()) + " answered " + r.status()
                        + ": " + victim.id() + "'s instance, touched after another namespace's Trigger named it");
                }
            }
        }
        // Tenants never learn each other's names: no status message or Event names another namespace's Trigger.
        for (Trigger t : o.triggers().values()) {
            String ns = t.getMetadata().getNamespace();
            ready(t).map(Condition::getMessage).filter(msg -> namesOtherNamespace(msg, ns)).ifPresent(msg ->
                offenders.add(ns + "/" + t.getMetadata().getName() + "'s Ready message names another namespace's Trigger: "
                    + shorten(msg)));
        }
        for (Event e : o.events()) {
            String ns = e.getMetadata().getNamespace();
            if (e.getMessage() != null && world.namespaces.contains(ns) && namesOtherNamespace(e.getMessage(), ns)) {
                offenders.add("Event " + ns + "/" + e.getMetadata().getName() + " (" + e.getReason()
                    + ") names another namespace's Trigger: " + shorten(e.getMessage()));
            }
        }
        // Requests with a key that no Trigger of the instance's namespace may use.
        int attributed = 0;
        int unknown = 0;
        for (RequestRecord r : requests) {
            if (r.triggerId() == null) {
                continue;
            }
            Optional<InstanceHistory.Seen> seen = history.get(r.triggerId());
            Optional<TriggerModel.Key> key = world.keyOfFingerprint(r.apiKeyId());
            if (seen.isEmpty() || seen.get().tag().isEmpty() || key.isEmpty()) {
                unknown++;
                continue;
            }
            attributed++;
            String ns = seen.get().tag().get().namespace();
            if (!world.namespacesUsing(key.get()).contains(ns)) {
                offenders.add(r.method() + " " + r.path() + " at " + at(r.at()) + " with the " + key.get() + " key (only "
                    + world.namespacesUsing(key.get()) + " use it) concerned " + r.triggerId() + " of " + seen.get().tag().get());
            }
        }
        String summary = victims.size() + " victims' instances checked"
            + (requests.isEmpty() ? "" : ", " + attributed + " requests naming an instance attributed (" + unknown + " not)");
        return new Result(NO_CROSS_NAMESPACE, offenders.isEmpty(), summary, offenders);
    }

    private boolean namesOtherNamespace(String message, String namespace) {
        return world.namespaces.stream().anyMatch(other -> !other.equals(namespace) && message.contains(other + "/"));
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static Optional<TriggerInstance> find(Observation o, TriggerModel.Key key, String id) {
        return o.instances().get(key).stream().filter(i -> i.id().equals(id)).findFirst();
    }

    static boolean sameConfig(JsonNode spec, Map<String, Object> remote) {
        JsonNode other = JSON.valueToTree(remote);
        return spec.equals((a, b) -> {
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue());
            }
            return a.equals(b) ? 0 : 1;
        }, other);
    }

    private String at(Instant when) {
        return String.format("+%.1fs", Duration.between(windowStart, when).toMillis() / 1000.0);
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 220 ? text.substring(0, 220) + "…" : text;
    }

    static Map<String, Object> toJson(List<Result> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Result r : results) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("pass", r.pass());
            one.put("summary", r.summary());
            one.put("offenders", r.offenders());
            m.put(r.name(), one);
        }
        return m;
    }
}
