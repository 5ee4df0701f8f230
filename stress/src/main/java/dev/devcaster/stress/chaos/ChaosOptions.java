package dev.devcaster.stress.chaos;

import dev.devcaster.operator.config.Settings;
import dev.devcaster.stress.process.ProgramProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one chaos run does, from system properties {@code chaos.*} (or {@code chaos.x=y} arguments).
 *
 * @param seed            everything random in the run follows from it (the scenario, kill moments, faults)
 * @param triggers        Triggers created in total (twins, hostile ones and victims included)
 * @param namespaces      namespaces (at least 4: the default key serves the first half, one is deleted)
 * @param kills           SIGKILLs of the current leader
 * @param pauses          SIGSTOPs of the current leader for longer than its Lease, then SIGCONT (a stale leader wakes up)
 * @param errorShare      share of Devcaster requests answering 500/502/503 during the chaos window
 * @param rateLimitShare  share answering a bare 429 (half with Retry-After, half without)
 * @param latency         added to every Devcaster request during the chaos window
 * @param latencySpike    now and then, for a second, requests take this long: longer than the operator's
 *                        request timeout (5 s), so it gives up on calls Devcaster still carries out
 *                        (writes whose outcome the operator cannot know)
 * @param latencySpikeEvery how often such a spike comes (zero: never)
 * @param dropEvery       one dropped connection every this long (zero: none)
 * @param misroutedShare  share of DELETEs answered by "a proxy" with an HTML 404 (off by default)
 * @param chaosWindow     how long Triggers are created, changed and deleted while faults and kills go on
 * @param convergeTimeout how long the operator gets, after faults stop, to reach the invariants
 * @param stableFailure   give up waiting earlier when the broken invariants' offenders have not changed for this long
 *                        and no Trigger is still retrying
 * @param resync          the operator's RESYNC_PERIOD
 * @param recheck         the operator's RECHECK_PERIOD
 * @param concurrency     the operator's RECONCILE_CONCURRENCY (its default unless set)
 * @param rateLimit       the operator's DEVCASTER_RATE_LIMIT (requests/s per key, 0 = off)
 * @param logLevel        the operator's LOG_LEVEL (debug logs more lines to search for keys)
 * @param matchKey        the emulator's upsert match key: config or slug_and_account
 * @param out             folder for the report, replica logs and the kubeconfig
 */
public record ChaosOptions(long seed, int triggers, int namespaces, int kills, int pauses, double errorShare,
                           double rateLimitShare, Duration latency, Duration latencySpike, Duration latencySpikeEvery,
                           Duration dropEvery, double misroutedShare,
                           Duration chaosWindow, Duration convergeTimeout, Duration stableFailure, Duration resync,
                           Duration recheck,
                           int concurrency, double rateLimit, String logLevel, String matchKey, Path out) {

    public ChaosOptions {
        if (namespaces < 4) {
            throw new IllegalArgumentException("chaos.namespaces must be at least 4 (default-key, Secret-only, "
                + "victims and a namespace to delete)");
        }
        if (triggers < 20) {
            throw new IllegalArgumentException("chaos.triggers must be at least 20");
        }
    }

    public static ChaosOptions fromSystem(String... args) {
        Map<String, String> values = ProgramProperties.read("chaos", args);
        return from(values);
    }

    public static ChaosOptions from(Map<String, String> values) {
        ProgramProperties p = new ProgramProperties(values);
        int triggers = p.integer("chaos.triggers", 500);
        // Long enough that creates, changes and deletions overlap the kills; scales with the load.
        Duration window = p.seconds("chaos.durationSeconds", Math.max(40, Math.round(triggers * 0.4)));
        // The operator backs off up to 5 minutes per Trigger after repeated transient errors (by design), so a
        // Trigger that failed often during the window may rightly wait that long after the faults stop.
        Duration converge = p.seconds("chaos.convergeTimeoutSeconds", 330 + Math.round(triggers * 0.1));
        return new ChaosOptions(
            Long.parseLong(p.text("chaos.seed", "42")),
            triggers,
            p.integer("chaos.namespaces", 4),
            p.integer("chaos.kills", 10),
            p.integer("chaos.pauses", 0),
            p.decimal("chaos.errorShare", 0.20),
            p.decimal("chaos.rateLimitShare", 0.10),
            Duration.ofMillis(p.integer("chaos.latencyMs", 20)),
            Duration.ofMillis(p.integer("chaos.latencySpikeMs", 6000)),
            Duration.ofMillis(p.integer("chaos.latencySpikeEveryMs", 20000)),
            Duration.ofMillis(p.integer("chaos.dropEveryMs", 3000)),
            p.decimal("chaos.misroutedShare", 0.0),
            window,
            converge,
            p.seconds("chaos.stableFailureSeconds", 60),
            p.seconds("chaos.resyncSeconds", 10),
            p.seconds("chaos.recheckSeconds", 2),
            p.integer("chaos.concurrency", Integer.parseInt(Settings.CONCURRENCY.rawDefault())),
            p.decimal("chaos.rateLimit", 0),
            p.text("chaos.logLevel", "debug"),
            p.text("chaos.matchKey", "config"),
            Path.of(p.text("chaos.out", "target/chaos")));
    }

    /** The options as the report shows them. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("triggers", triggers);
        m.put("namespaces", namespaces);
        m.put("kills", kills);
        m.put("pauses", pauses);
        m.put("errorShare", errorShare);
        m.put("rateLimitShare", rateLimitShare);
        m.put("latencyMs", latency.toMillis());
        m.put("latencySpikeMs", latencySpike.toMillis());
        m.put("latencySpikeEveryMs", latencySpikeEvery.toMillis());
        m.put("dropEveryMs", dropEvery.toMillis());
        m.put("misroutedShare", misroutedShare);
        m.put("chaosWindowSeconds", chaosWindow.toSeconds());
        m.put("convergeTimeoutSeconds", convergeTimeout.toSeconds());
        m.put("stableFailureSeconds", stableFailure.toSeconds());
        m.put("resyncSeconds", resync.toSeconds());
        m.put("recheckSeconds", recheck.toSeconds());
        m.put("concurrency", concurrency);
        m.put("rateLimit", rateLimit);
        m.put("logLevel", logLevel);
        m.put("matchKey", matchKey);
        return m;
    }
}
