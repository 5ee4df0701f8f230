package dev.devcaster.sandbox.triggers;

import dev.devcaster.sandbox.lifecycle.Component;
import dev.devcaster.sandbox.lifecycle.StopSignal;
import dev.devcaster.sandbox.output.Console;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The live table of the applied Triggers until each settled (or the timeout), then whether each
 * ended as expected: {@link #asExpected()} is what {@code --once} exits with.
 */
public final class SettleWatch implements Component {

    private final Supplier<KubernetesClient> client;
    private final Supplier<AppliedTriggers> applied;
    private final String namespace;
    private final Duration timeout;
    private final Path logFile;
    private final StopSignal signal;
    private final Console console;
    private volatile boolean asExpected;

    public SettleWatch(Supplier<KubernetesClient> client, Supplier<AppliedTriggers> applied, String namespace,
                       Duration timeout, Path logFile, StopSignal signal, Console console) {
        this.client = client;
        this.applied = applied;
        this.namespace = namespace;
        this.timeout = timeout;
        this.logFile = logFile;
        this.signal = signal;
        this.console = console;
    }

    @Override
    public void start() {
        asExpected = watchUntilSettled(applied.get());
    }

    /** True when every applied Trigger settled as expected. */
    public boolean asExpected() {
        return asExpected;
    }

    @Override
    public void stop() {
        console.endTable();
    }

    private boolean watchUntilSettled(AppliedTriggers triggers) {
        List<Expectation> expectations = triggers.expected();
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        long lastNote = t0;
        while (true) {
            signal.checkNotStopping();
            List<TriggerSnapshot> all = TriggerSnapshot.list(client.get(), namespace);
            Map<String, TriggerSnapshot> byName = all.stream()
                .collect(Collectors.toMap(TriggerSnapshot::name, t -> t, (a, b) -> a, LinkedHashMap::new));
            List<String> waiting = expectations.stream().map(Expectation::name)
                .filter(n -> !byName.containsKey(n) || !byName.get(n).settled()).toList();
            List<String> table = TriggerTable.render(all, console.width());
            List<String> messages = TriggerTable.messages(all);
            List<String> lines = new ArrayList<>(table);
            if (!messages.isEmpty()) {
                lines.add("");
                lines.addAll(messages);
            }
            int total = expectations.size();
            String heading = "Triggers in namespace " + namespace + ": " + (total - waiting.size()) + "/" + total
                + " settled";
            if (waiting.isEmpty() && console.redraws()) {
                // The last redraw: messages in full below it (wrapping no longer matters), errors included.
                console.table(heading, table);
                console.endTable();
                console.println("");
                messages.forEach(console::println);
            } else {
                console.table(heading, lines);
            }
            if (waiting.isEmpty()) {
                console.endTable();
                return report(triggers, byName);
            }
            long now = System.nanoTime();
            if (now > deadline) {
                console.endTable();
                console.error("not settled after " + timeout.toSeconds() + "s: " + String.join(", ", waiting),
                    "look at the operator log " + logFile + " and at kubectl describe trigger <name>; "
                        + "--timeout waits longer");
                return false;
            }
            if (!console.redraws() && now - lastNote > TimeUnit.SECONDS.toNanos(10)) {
                lastNote = now;
                console.step("waiting for " + String.join(", ", waiting) + " to settle");
            }
            signal.sleep(1000);
        }
    }

    private boolean report(AppliedTriggers triggers, Map<String, TriggerSnapshot> byName) {
        List<Expectation> expectations = triggers.expected();
        List<String> mismatches = new ArrayList<>(expectations.stream()
            .map(e -> e.mismatch(byName.get(e.name())))
            .flatMap(Optional::stream).toList());
        triggers.rejectedUnexpectedly().forEach(r -> mismatches.add(r + " was rejected by the API server"));
        long ready = expectations.stream().filter(e -> byName.get(e.name()).isReady()).count();
        List<String> failedAsMeant = expectations.stream().filter(Expectation::shouldFail)
            .map(e -> e.name() + " (" + byName.get(e.name()).reason() + ")").toList();
        if (mismatches.isEmpty()) {
            List<String> refused = triggers.refusedAsIntended();
            console.step("settled: " + ready + " of " + expectations.size() + " Triggers Ready"
                + (failedAsMeant.isEmpty() ? "" : "; " + String.join(", ", failedAsMeant)
                + " failed as intended: that is what a Trigger with an error looks like")
                + (refused.isEmpty() ? "" : "; " + String.join(", ", refused) + " refused at apply as intended: that is"
                + " what kubectl apply of a wrong config shows"));
            return true;
        }
        console.error("settled, but not as expected: " + String.join("; ", mismatches),
            "look at the operator log " + logFile + " and kubectl describe trigger <name>");
        return false;
    }
}
