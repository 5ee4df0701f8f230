package dev.devcaster.stress.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * CPU time a process has used so far (user + system, {@code /proc/<pid>/stat}), in seconds. The
 * benchmark reads it before and after a phase, for the operator, for kube-apiserver + etcd and for
 * itself (the emulator and the load generator): on a small machine they share the cores, and where
 * the CPU goes tells whether the operator is CPU-bound or waiting.
 */
public final class ProcessCpu {

    /** Clock ticks per second of /proc's times; 100 on every Linux this runs on, asked once to be sure. */
    private static final double TICKS = ticksPerSecond();

    private ProcessCpu() {
    }

    /** utime + stime in seconds; 0 when the process is gone (its time is then lost to the reading). */
    public static double seconds(long pid) {
        try {
            return seconds(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime in seconds from a {@code stat} file of /proc (a process's or one thread's). */
    static double seconds(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state): utime is field 14, stime field 15.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
    }

    public static double seconds(Collection<ProcessHandle> processes) {
        return processes.stream().mapToDouble(p -> seconds(p.pid())).sum();
    }

    public static double self() {
        return seconds(ProcessHandle.current().pid());
    }

    private static double ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
