package dev.devcaster.stress.bench;

import dev.devcaster.stress.process.OperatorProcess;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the JVM makes of the pod's flags: heap limit and garbage collector, as
 * {@code java <flags> -XX:+PrintFlagsFinal -version} reports them. Printed beside the memory
 * figures, so a reader sees that the heap followed the limit (384 MiB of 512Mi with
 * {@code MaxRAMPercentage=75}) without trusting the arithmetic.
 *
 * @param maxHeapBytes MaxHeapSize
 * @param collector    the collector the ergonomics chose (SerialGC on one processor and little memory)
 */
record JvmSizing(long maxHeapBytes, String collector) {

    static JvmSizing probe(List<String> flags) {
        List<String> command = new ArrayList<>();
        command.add(OperatorProcess.javaLauncher().toString());
        command.addAll(flags);
        command.add("-XX:+PrintFlagsFinal");
        command.add("-version");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return parse(out);
        } catch (IOException e) {
            return new JvmSizing(-1, "(unknown: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JvmSizing(-1, "(unknown)");
        }
    }

    static JvmSizing parse(String printFlagsFinal) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String line : printFlagsFinal.split("\n")) {
            // "   size_t MaxHeapSize    = 402653184    {product} {ergonomic}"
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && "=".equals(parts[2])) {
                flags.put(parts[1], parts[3]);
            }
        }
        String collector = List.of("UseSerialGC", "UseG1GC", "UseParallelGC", "UseZGC", "UseShenandoahGC").stream()
            .filter(f -> "true".equals(flags.get(f))).findFirst().map(f -> f.substring(3)).orElse("(unknown)");
        return new JvmSizing(Long.parseLong(flags.getOrDefault("MaxHeapSize", "-1")), collector);
    }
}
