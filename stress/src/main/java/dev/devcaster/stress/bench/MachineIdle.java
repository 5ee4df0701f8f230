package dev.devcaster.stress.bench;

import dev.devcaster.stress.process.Sleeps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Waits until the machine as a whole is nearly idle (from /proc/stat), so that a timed start
 * measures the operator and not the tail of the step before it: after the write probe, the API
 * server's garbage collection and the benchmark JVM's own JIT kept both cores busy for a few
 * seconds, and a first start measured then took 2.3 s instead of about 1.7.
 */
final class MachineIdle {

    /** What the waiting found: how long it took, and whether the machine got idle at all. */
    record Wait(double seconds, boolean idle, double lastBusyCores) {
    }

    private static final Path STAT = Path.of("/proc/stat");

    private MachineIdle() {
    }

    /** Samples one window at a time until the busy share of all CPUs is at most {@code maxBusyCores}. */
    static Wait await(double maxBusyCores, Duration window, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int cpus = cpus();
        double busy;
        do {
            long[] before = ticks();
            Sleeps.of(window);
            long[] after = ticks();
            double totalDelta = after[0] - before[0];
            double busyDelta = totalDelta - (after[1] - before[1]);
            busy = totalDelta == 0 ? 0 : busyDelta / totalDelta * cpus;
            if (busy <= maxBusyCores) {
                return new Wait((System.nanoTime() - start) / 1e9, true, busy);
            }
        } while (System.nanoTime() < deadline);
        return new Wait((System.nanoTime() - start) / 1e9, false, busy);
    }

    /** Ticks of all CPUs: {total, idle + iowait}, from the first line of /proc/stat. */
    static long[] ticks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        // guest and guest_nice (fields 9 and 10, where the kernel has them) are already counted in user and nice.
        for (int i = 9; i < Math.min(f.length, 11); i++) {
            total -= Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }

    /** The machine's CPUs as /proc/stat counts them (the JVM's own count may be capped, e.g. by -XX:ActiveProcessorCount). */
    static int cpus(List<String> statLines) {
        return (int) Math.max(1, statLines.stream().filter(l -> l.matches("cpu\\d+\\s.*")).count());
    }

    private static int cpus() {
        try {
            return cpus(Files.readAllLines(STAT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STAT, e);
        }
    }

    private static long[] ticks() {
        try (var lines = Files.lines(STAT)) {
            return ticks(lines.findFirst().orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STAT, e);
        }
    }
}
