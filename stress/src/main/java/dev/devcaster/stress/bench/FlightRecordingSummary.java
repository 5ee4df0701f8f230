package dev.devcaster.stress.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the operator's CPU and memory went, from its flight recording ({@code -Dbench.jfr=true}):
 * the hottest methods by CPU samples (the method on top of the stack, and the operator's own
 * methods anywhere in the stack, which is where a fix would go), and the garbage collector's work.
 * The recording file stays beside the report for {@code jfr print} / JDK Mission Control.
 *
 * @param samples       execution samples in the recording (JFR takes one per running thread every 10-20 ms)
 * @param topSelf       method on top of the stack → share of samples, hottest first
 * @param topOperator   dev.devcaster.* method anywhere in the stack → share of samples
 * @param gc            collections, total and longest pause, heap used after GC (max)
 */
record FlightRecordingSummary(String file, long samples, Map<String, Double> topSelf, Map<String, Double> topOperator,
                              Map<String, Object> gc) {

    private static final int TOP = 15;

    static FlightRecordingSummary read(Path file) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        long samples = 0;
        long collections = 0;
        Duration pauses = Duration.ZERO;
        Duration longest = Duration.ZERO;
        long maxHeapAfterGc = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
                            continue;
                        }
                        samples++;
                        List<RecordedFrame> frames = e.getStackTrace().getFrames();
                        self.merge(name(frames.get(0).getMethod()), 1L, Long::sum);
                        Set<String> seen = new HashSet<>();
                        for (RecordedFrame f : frames) {
                            String n = name(f.getMethod());
                            if (n.startsWith("dev.devcaster.") && seen.add(n)) {
                                inclusive.merge(n, 1L, Long::sum);
                            }
                        }
                    }
                    case "jdk.GarbageCollection" -> {
                        collections++;
                        Duration pause = e.getDuration("sumOfPauses");
                        pauses = pauses.plus(pause);
                        if (pause.compareTo(longest) > 0) {
                            longest = pause;
                        }
                    }
                    case "jdk.GCHeapSummary" -> {
                        if ("After GC".equals(e.getString("when"))) {
                            maxHeapAfterGc = Math.max(maxHeapAfterGc, e.getLong("heapUsed"));
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the flight recording " + file, e);
        }
        Map<String, Object> gc = new LinkedHashMap<>();
        gc.put("collections", collections);
        gc.put("pauseSecondsTotal", pauses.toMillis() / 1000.0);
        gc.put("pauseMillisLongest", longest.toMillis());
        gc.put("heapUsedAfterGcMaxMiB", maxHeapAfterGc / 1048576.0);
        return new FlightRecordingSummary(file.toString(), samples, top(self, samples), top(inclusive, samples), gc);
    }

    private static String name(RecordedMethod m) {
        return m == null ? "(unknown)" : m.getType().getName() + "." + m.getName();
    }

    private static Map<String, Double> top(Map<String, Long> counts, long samples) {
        Map<String, Double> top = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
            .forEach(e -> top.put(e.getKey(), samples == 0 ? 0 : Math.round(1000.0 * e.getValue() / samples) / 10.0));
        return top;
    }
}
