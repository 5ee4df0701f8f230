package dev.devcaster.stress.chaos;

import dev.devcaster.emulator.requests.RequestRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For every instance id and Trigger an offender names: the requests the emulator logged for that
 * instance and the replicas' log lines about it, so a failure can be followed without a rerun.
 */
final class Evidence {

    private static final Pattern INSTANCE = Pattern.compile("ti_[a-z0-9]+");
    private static final Pattern TRIGGER = Pattern.compile("chaos-\\d+/[a-z0-9-]+");
    private static final int MAX_SUBJECTS = 150;
    private static final int MAX_LINES = 25;

    private Evidence() {
    }

    static Map<String, List<String>> collect(List<Invariants.Result> results, List<RequestRecord> requests, ChaosWorld world,
                                             List<Path> logs, Instant windowStart) {
        Set<String> subjects = new LinkedHashSet<>();
        for (Invariants.Result r : results) {
            if (r.pass()) {
                continue;
            }
            for (String offender : r.offenders()) {
                Matcher ids = INSTANCE.matcher(offender);
                while (ids.find()) {
                    subjects.add(ids.group());
                }
                Matcher triggers = TRIGGER.matcher(offender);
                if (triggers.find()) {
                    subjects.add(triggers.group());
                }
            }
        }
        Map<String, List<String>> evidence = new LinkedHashMap<>();
        subjects.stream().limit(MAX_SUBJECTS).forEach(s -> evidence.put(s, new ArrayList<>()));
        for (RequestRecord r : requests) {
            if (r.triggerId() != null && evidence.containsKey(r.triggerId())) {
                add(evidence.get(r.triggerId()), String.format("request %s %s %s %s -> %s", at(windowStart, r.at()),
                    world.keyOfFingerprint(r.apiKeyId()).map(k -> k + " key").orElse(r.apiKeyId()), r.method(), r.path(),
                    r.status() == 0 ? "dropped" : r.status()));
            }
        }
        for (Path log : logs) {
            try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.contains("in sync, nothing to do")) {
                        continue;
                    }
                    for (Map.Entry<String, List<String>> e : evidence.entrySet()) {
                        String subject = e.getKey();
                        boolean match = subject.startsWith("ti_") ? line.contains(subject)
                            : line.contains(subject + " ") || line.contains(subject + ":");
                        if (match) {
                            add(e.getValue(), log.getFileName() + ": " + (line.length() > 300 ? line.substring(0, 300) + "…" : line));
                        }
                    }
                }
            } catch (IOException e) {
                // the log is evidence, not a verdict
            }
        }
        return evidence;
    }

    private static void add(List<String> lines, String line) {
        if (lines.size() < MAX_LINES) {
            lines.add(line);
        } else if (lines.size() == MAX_LINES) {
            lines.add("…");
        }
    }

    private static String at(Instant windowStart, Instant when) {
        return String.format("+%.1fs", Duration.between(windowStart, when).toMillis() / 1000.0);
    }
}
