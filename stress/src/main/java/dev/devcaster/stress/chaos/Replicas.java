package dev.devcaster.stress.chaos;

import dev.devcaster.stress.process.OperatorProcess;
import dev.devcaster.stress.process.Sleeps;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operator's replicas, each its own OS process with leader election on: started, SIGKILLed
 * when it holds the Lease, and started again (as the same pod after a container restart, or as a
 * new pod with a new identity).
 */
final class Replicas implements AutoCloseable {

    static final String LEASE_NAME = "devcaster-operator";
    /** DevcasterOperator's lease duration: a Lease renewed longer ago than this has no live holder. */
    static final Duration LEASE_DURATION = Duration.ofSeconds(15);

    /** One replica: what it runs now and how often it was started. */
    static final class Slot {
        final String base;
        OperatorProcess process;
        String identity;
        int starts;
        long maxRssKb;
        /** Set while this program kills and restarts it, so the watchdog does not count it as a crash. */
        volatile boolean beingKilled;

        Slot(String base) {
            this.base = base;
        }
    }

    /** One SIGKILL, for the report. */
    record Kill(double atSeconds, String identity, long pid, double waitedForLeaderSeconds, String restartedAs,
                double newLeaderAfterSeconds, String newLeader) {
    }

    private final KubernetesClient client;
    private final Function<String, OperatorProcess.Builder> builder;
    private final Path logDir;
    private final List<Slot> slots = new ArrayList<>();
    private final List<Path> logFiles = new ArrayList<>();
    private final List<Kill> kills = new ArrayList<>();
    private final List<String> unexpectedExits = new ArrayList<>();
    private final List<Pause> pauses = new ArrayList<>();

    /** @param builder a configured operator process for a replica identity ({@code POD_NAME}) */
    Replicas(KubernetesClient client, int count, Function<String, OperatorProcess.Builder> builder, Path logDir) {
        this.client = client;
        this.builder = builder;
        this.logDir = logDir;
        for (int i = 0; i < count; i++) {
            slots.add(new Slot("replica-" + (char) ('a' + i)));
        }
    }

    void startAll() {
        slots.forEach(s -> start(s, s.base));
        slots.forEach(s -> s.process.awaitReady(Duration.ofSeconds(90)));
    }

    synchronized void start(Slot slot, String identity) {
        slot.starts++;
        slot.identity = identity;
        Path log = logDir.resolve(slot.base + "." + slot.starts + ".log");
        logFiles.add(log);
        slot.process = builder.apply(identity).name(slot.base + "#" + slot.starts).logFile(log).start();
    }

    /** The replica that holds a current Lease, if any. */
    Optional<Slot> leader() {
        Lease lease = client.leases().inNamespace(ChaosWorld.LEASE_NAMESPACE).withName(LEASE_NAME).get();
        if (lease == null || lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null) {
            return Optional.empty();
        }
        String holder = lease.getSpec().getHolderIdentity();
        ZonedDateTime renewed = lease.getSpec().getRenewTime();
        if (renewed != null && renewed.toInstant().plus(LEASE_DURATION).isBefore(Instant.now())) {
            return Optional.empty();
        }
        return slots.stream().filter(s -> holder.equals(s.identity) && s.process != null && s.process.alive()).findFirst();
    }

    String leaseHolder() {
        Lease lease = client.leases().inNamespace(ChaosWorld.LEASE_NAMESPACE).withName(LEASE_NAME).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    Optional<Slot> awaitLeader(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<Slot> leader = leader();
            if (leader.isPresent()) {
                return leader;
            }
            Sleeps.millis(250);
        }
        return Optional.empty();
    }

    /**
     * SIGKILLs the current leader (waiting for one first), restarts it after a short pause as the same
     * pod or as a new one, and records how long the hand-over took.
     */
    Kill killLeader(Instant windowStart, java.util.Random random) {
        Instant asked = Instant.now();
        Optional<Slot> leader = awaitLeader(Duration.ofSeconds(45));
        double waited = seconds(asked, Instant.now());
        if (leader.isEmpty()) {
            Kill k = new Kill(seconds(windowStart, Instant.now()), "(no leader within 45 s)", -1, waited, null, -1, null);
            kills.add(k);
            return k;
        }
        Slot slot = leader.get();
        String identity = slot.identity;
        long pid = slot.process.pid();
        Instant killedAt = Instant.now();
        slot.beingKilled = true;
        slot.process.sigkill();
        Sleeps.millis(500 + random.nextInt(3000));
        // A container restart keeps the pod's name (and may take its own Lease back at once); a new pod does not.
        String next = random.nextBoolean() ? identity : slot.base + "-" + (slot.starts + 1);
        start(slot, next);
        slot.beingKilled = false;
        Optional<Slot> newLeader = awaitLeader(LEASE_DURATION.multipliedBy(3));
        Kill k = new Kill(seconds(windowStart, killedAt), identity, pid, waited, next,
            newLeader.map(l -> seconds(killedAt, Instant.now())).orElse(-1.0), newLeader.map(l -> l.identity).orElse(null));
        kills.add(k);
        return k;
    }

    /** One SIGSTOP of the leader for longer than the Lease lasts, then SIGCONT, for the report. */
    record Pause(double atSeconds, String identity, long pid, double pausedSeconds, String leaderWhileStopped,
                 String outcome) {
    }

    /**
     * Freezes the leader (SIGSTOP) until another replica has taken the Lease, then lets it run on
     * (SIGCONT) with its stale view: it must notice the lost Lease and exit before doing harm. Starts
     * it again once it exited.
     */
    Pause pauseLeader(Instant windowStart, Duration atLeast) {
        Optional<Slot> leader = awaitLeader(Duration.ofSeconds(45));
        if (leader.isEmpty()) {
            Pause p = new Pause(seconds(windowStart, Instant.now()), "(no leader within 45 s)", -1, 0, null, "skipped");
            pauses.add(p);
            return p;
        }
        Slot slot = leader.get();
        OperatorProcess frozen = slot.process;
        String identity = slot.identity;
        Instant stoppedAt = Instant.now();
        slot.beingKilled = true;
        frozen.sigstop();
        Sleeps.of(atLeast);
        Optional<Slot> other = awaitLeader(LEASE_DURATION.multipliedBy(2)).filter(l -> l != slot);
        frozen.sigcont();
        Instant continuedAt = Instant.now();
        String outcome;
        if (other.isEmpty()) {
            outcome = "no other replica took the Lease while it was stopped; it runs on as leader";
        } else if (frozen.waitForExit(Duration.ofSeconds(30))) {
            outcome = String.format("exited %.1fs after SIGCONT (lost the Lease), exit code %s", seconds(continuedAt,
                Instant.now()), frozen.exitCode().map(String::valueOf).orElse("?"));
            start(slot, identity);
        } else {
            outcome = "still running 30 s after SIGCONT although " + other.get().identity + " holds the Lease";
        }
        slot.beingKilled = false;
        Pause p = new Pause(seconds(windowStart, stoppedAt), identity, frozen.pid(), seconds(stoppedAt, continuedAt),
            other.map(o -> o.identity).orElse(null), outcome);
        pauses.add(p);
        return p;
    }

    List<Pause> pauses() {
        return List.copyOf(pauses);
    }

    /**
     * Starts again any replica that exited without being killed here (e.g. it lost the Lease and
     * exited, as it should, or it crashed), and records it with the tail of its log.
     */
    synchronized List<String> reviveExited(Instant windowStart) {
        List<String> revived = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.process != null && !slot.process.alive() && !slot.beingKilled) {
                String what = String.format("+%.1fs %s (pid %d) exited with %s; last lines: %s",
                    seconds(windowStart, Instant.now()), slot.identity, slot.process.pid(),
                    slot.process.exitCode().map(String::valueOf).orElse("?"),
                    dev.devcaster.stress.process.ProcessLogs.tail(slot.process.logFile(), 3).replace('\n', '|'));
                unexpectedExits.add(what);
                revived.add(what);
                start(slot, slot.identity);
            }
        }
        return revived;
    }

    synchronized List<String> unexpectedExits() {
        return List.copyOf(unexpectedExits);
    }

    boolean allAlive() {
        return slots.stream().allMatch(s -> s.process != null && s.process.alive());
    }

    /** Reads every live replica's RSS and keeps the maximum per replica. */
    void sampleMemory() {
        for (Slot slot : slots) {
            if (slot.process != null) {
                slot.process.rssKb().ifPresent(kb -> slot.maxRssKb = Math.max(slot.maxRssKb, kb));
            }
        }
    }

    List<Path> logFiles() {
        return List.copyOf(logFiles);
    }

    List<Kill> kills() {
        return List.copyOf(kills);
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Slot slot : slots) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("starts", slot.starts);
            s.put("identity", slot.identity);
            s.put("alive", slot.process != null && slot.process.alive());
            s.put("maxRssMiB", slot.maxRssKb / 1024);
            m.put(slot.base, s);
        }
        return m;
    }

    /** Exits the processes SIGTERM-first; returns those that had exited by themselves before. */
    @Override
    public void close() {
        for (Slot slot : slots) {
            if (slot.process != null) {
                slot.process.close();
            }
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
