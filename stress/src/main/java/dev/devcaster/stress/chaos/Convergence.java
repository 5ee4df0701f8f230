package dev.devcaster.stress.chaos;

import dev.devcaster.stress.process.LocalControlPlane;
import dev.devcaster.stress.process.Sleeps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Whether the cluster and Devcaster settled once the faults stopped: every state invariant holds
 * and still holds one resync period later, how long that took, and a trace of what was failing on
 * the way.
 */
record Convergence(boolean converged, double seconds, List<String> trace) {

    /**
     * Waits until every state invariant holds and still holds one resync period later (a glimpse of
     * a good state is not convergence), or the timeout passes.
     */
    static Convergence await(LocalControlPlane cluster, ChaosWorld world, Invariants invariants, Instant from,
                             ChaosOptions options, BiConsumer<String, Object[]> say) {
        Instant deadline = from.plus(options.convergeTimeout());
        Duration settle = options.resync().plusSeconds(3);
        Instant holdingSince = null;
        List<String> trace = new ArrayList<>();
        String lastLine = null;
        List<String> lastOffenders = null;
        Instant offendersSince = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            Observation observation = Observation.take(cluster.client(), world, false);
            List<Invariants.Result> results = invariants.checkState(observation);
            long waiting = waitingTriggers(observation);
            long failing = results.stream().filter(r -> !r.pass()).count();
            String line = results.stream().filter(r -> !r.pass()).map(r -> r.name() + " " + r.offenders().size())
                .reduce((a, b) -> a + ", " + b).orElse("all hold");
            if (!line.equals(lastLine)) {
                trace.add(String.format("+%.0fs %s (%d Triggers retrying)", secondsBetween(from, Instant.now()), line,
                    waiting));
                say.accept("converging +%.0fs: %s (%d Triggers retrying)",
                    new Object[] {secondsBetween(from, Instant.now()), line, waiting});
                lastLine = line;
            }
            List<String> offenders = results.stream().flatMap(r -> r.offenders().stream()).toList();
            if (!offenders.equals(lastOffenders)) {
                lastOffenders = offenders;
                offendersSince = Instant.now();
            } else if (failing > 0 && waiting == 0
                && !Instant.now().isBefore(offendersSince.plus(options.stableFailure()))) {
                // Nothing moved for a long while, faults off, and no Trigger says it is still retrying (every one
                // has its final word: Synced, or a reason only a change can fix): waiting longer changes nothing.
                trace.add(String.format("+%.0fs gave up: the same offenders for %ds, no Trigger retrying (faults off, "
                    + "replicas up)", secondsBetween(from, Instant.now()), options.stableFailure().toSeconds()));
                return new Convergence(false, secondsBetween(from, Instant.now()), trace);
            }
            if (failing == 0) {
                if (holdingSince == null) {
                    holdingSince = Instant.now();
                } else if (!Instant.now().isBefore(holdingSince.plus(settle))) {
                    return new Convergence(true, secondsBetween(from, holdingSince), trace);
                }
            } else {
                holdingSince = null;
            }
            Sleeps.millis(2000);
        }
        return new Convergence(false, secondsBetween(from, Instant.now()), trace);
    }

    /**
     * Triggers that are still on their way: no Ready condition yet, a status for an older generation,
     * or a reason that means "retrying" (the operator backs off exponentially, up to 5 minutes).
     */
    private static long waitingTriggers(Observation o) {
        return o.triggers().values().stream().filter(t -> {
            var ready = Invariants.ready(t);
            if (ready.isEmpty()) {
                return true;
            }
            Long generation = t.getMetadata().getGeneration();
            return !Objects.equals(ready.get().getObservedGeneration(), generation)
                || Set.of("RemoteError", "RateLimited", "Deleting").contains(ready.get().getReason());
        }).count();
    }

    private static double secondsBetween(Instant from, Instant to) {
        return Math.round(Duration.between(from, to).toMillis() / 100.0) / 10.0;
    }
}
