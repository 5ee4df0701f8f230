package dev.devcaster.sandbox.triggers;

import dev.devcaster.sandbox.lifecycle.Component;
import dev.devcaster.sandbox.lifecycle.StopSignal;
import dev.devcaster.sandbox.lifecycle.Stopped;
import dev.devcaster.sandbox.output.Console;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** After the table settled: one line per change (someone applied, edited or deleted a Trigger). */
public final class ChangeFeed implements Component {

    private final Supplier<KubernetesClient> client;
    private final String namespace;
    private final StopSignal signal;
    private final Console console;
    private Thread thread;

    public ChangeFeed(Supplier<KubernetesClient> client, String namespace, StopSignal signal, Console console) {
        this.client = client;
        this.namespace = namespace;
        this.signal = signal;
        this.console = console;
    }

    @Override
    public void start() {
        Map<String, TriggerSnapshot> first = index(TriggerSnapshot.list(client.get(), namespace));
        console.println("Changes to the Triggers show below.");
        thread = new Thread(() -> follow(first), "sandbox-changes");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void follow(Map<String, TriggerSnapshot> first) {
        Map<String, TriggerSnapshot> previous = first;
        try {
            while (true) {
                signal.sleep(1000);
                Map<String, TriggerSnapshot> current;
                try {
                    current = index(TriggerSnapshot.list(client.get(), namespace));
                } catch (KubernetesClientException e) {
                    continue;
                }
                signal.checkNotStopping();
                for (TriggerSnapshot t : current.values()) {
                    TriggerSnapshot before = previous.get(t.name());
                    if (before == null || !before.equals(t)) {
                        console.step(describe(t, before == null));
                    }
                }
                for (String gone : previous.keySet()) {
                    if (!current.containsKey(gone)) {
                        console.step(gone + ": deleted");
                    }
                }
                previous = current;
            }
        } catch (Stopped e) {
            // the sandbox stops
        }
    }

    private static String describe(TriggerSnapshot t, boolean added) {
        String what = t.settled() ? "Ready=" + t.ready() + " " + t.reason()
            + (t.message() == null ? "" : ": " + t.message()) : "being reconciled";
        return t.name() + (added ? " (new)" : "") + " " + what;
    }

    private static Map<String, TriggerSnapshot> index(List<TriggerSnapshot> all) {
        Map<String, TriggerSnapshot> result = new LinkedHashMap<>();
        all.forEach(t -> result.put(t.name(), t));
        return result;
    }
}
