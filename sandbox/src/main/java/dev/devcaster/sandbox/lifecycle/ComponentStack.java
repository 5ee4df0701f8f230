package dev.devcaster.sandbox.lifecycle;

import dev.devcaster.sandbox.output.Console;
import dev.devcaster.sandbox.output.SandboxException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Starts components in order and stops the started ones in reverse order. The stop runs in a
 * shutdown hook, so Ctrl-C, SIGTERM, a failure and a normal exit all end the same way. A start holds
 * the lock the stop takes: nothing starts after the stop began, and the stop waits for a start in
 * progress (which gives up early through the {@link StopSignal}).
 */
public final class ComponentStack {

    private final Console console;
    private final StopSignal signal;
    private final Object lock = new Object();
    private final Deque<Component> started = new ArrayDeque<>();

    public ComponentStack(Console console, StopSignal signal) {
        this.console = console;
        this.signal = signal;
    }

    /** Stops what started when the process ends: Ctrl-C, SIGTERM, System.exit. */
    public ComponentStack stoppedWhenTheProcessEnds() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "sandbox-stop"));
        return this;
    }

    /**
     * Starts each component in order.
     *
     * @throws Stopped when the sandbox began to stop meanwhile; else whatever a start threw (the
     *                 hook stops what started when the process exits)
     */
    public void startAll(List<? extends Component> components) {
        for (Component component : components) {
            synchronized (lock) {
                signal.checkNotStopping();
                started.push(component);
                try {
                    component.start();
                } catch (RuntimeException e) {
                    // What fails while stopping (a watchdog's exit) is not the failure to report.
                    signal.checkNotStopping();
                    throw e;
                }
            }
        }
    }

    /** Stops what started, last first; reports on the terminal unless only silent parts started. */
    public void stopAll() {
        signal.raise();
        synchronized (lock) {
            List<String> names = started.stream().map(Component::name).filter(Objects::nonNull).toList();
            boolean report = !names.isEmpty();
            long t0 = System.nanoTime();
            if (report) {
                console.endTable();
                console.println("");
                console.step("stopping " + String.join(", ", names) + " ...");
            }
            List<SandboxException> left = new ArrayList<>();
            while (!started.isEmpty()) {
                Component component = started.pop();
                long t = System.nanoTime();
                try {
                    component.stop();
                } catch (SandboxException e) {
                    left.add(e);
                } catch (RuntimeException e) {
                    LogFile.logger(ComponentStack.class).warn("stopping {} failed", component.name(), e);
                }
                if (component.name() != null) {
                    LogFile.logger(ComponentStack.class).info("stopped {} after {}", component.name(), Console.since(t));
                    console.step("  " + component.name() + " stopped (" + Console.since(t) + ")");
                }
            }
            if (!report) {
                return;
            }
            if (left.isEmpty()) {
                console.step("stopped after " + Console.since(t0) + "; nothing left running");
            } else {
                console.error(left.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")),
                    left.get(0).todo());
            }
        }
    }
}
