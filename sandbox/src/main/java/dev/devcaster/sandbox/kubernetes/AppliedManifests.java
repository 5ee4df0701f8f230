package dev.devcaster.sandbox.kubernetes;

import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.sandbox.lifecycle.Component;
import dev.devcaster.sandbox.output.Console;
import dev.devcaster.sandbox.output.SandboxException;
import dev.devcaster.sandbox.triggers.AppliedTriggers;
import dev.devcaster.sandbox.triggers.Expectation;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The manifests the sandbox applies (examples/ by default). On a real cluster or service the
 * applied Triggers would outlive the sandbox (with finalizers no operator serves, or remote
 * triggers nobody manages), so stopping deletes them while the operator still runs: it stops
 * after this component.
 */
public final class AppliedManifests implements Component {

    private static final long DELETE_WAIT_SECONDS = 30;

    private final Supplier<KubernetesClient> client;
    private final String namespace;
    private final List<Path> paths;
    private final Path repoRoot;
    private final boolean deleteWhenStopping;
    private final Console console;
    private volatile AppliedTriggers applied = AppliedTriggers.NONE;

    /** @param deleteWhenStopping delete the applied Triggers on stop (a real cluster or service, no --keep) */
    public AppliedManifests(Supplier<KubernetesClient> client, String namespace, List<Path> paths, Path repoRoot,
                            boolean deleteWhenStopping, Console console) {
        this.client = client;
        this.namespace = namespace;
        this.paths = List.copyOf(paths);
        this.repoRoot = repoRoot;
        this.deleteWhenStopping = deleteWhenStopping;
        this.console = console;
    }

    @Override
    public void preflight() {
        Manifests.files(paths);
    }

    @Override
    public void start() {
        Manifests.Result result = Manifests.apply(client.get(), namespace, Manifests.files(paths), repoRoot);
        applied = new AppliedTriggers(result.triggers(), result.unexpected(), result.refusedAsMeant());
        console.step("applied " + plural(result.applied().size(), "manifest") + " from "
            + paths.stream().map(this::shown).collect(Collectors.joining(", ")) + " to namespace " + namespace);
        result.rejected().forEach(r -> console.step("  " + r));
        if (result.triggers().isEmpty() && result.refusedAsMeant().isEmpty()) {
            throw new SandboxException("no Trigger among the applied manifests",
                "pass Trigger manifests with --manifests (see examples/triggers)");
        }
    }

    /** The applied Triggers and how each should end up; empty before start. */
    public AppliedTriggers applied() {
        return applied;
    }

    @Override
    public void stop() {
        List<Expectation> expected = applied.expected();
        if (!deleteWhenStopping || expected.isEmpty()) {
            return;
        }
        try {
            var triggers = client.get().resources(Trigger.class).inNamespace(namespace);
            expected.forEach(e -> triggers.withName(e.name()).delete());
            console.step("deleting the " + plural(expected.size(), "Trigger") + " it applied (the operator removes their"
                + " remote triggers; --keep leaves them) ...");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DELETE_WAIT_SECONDS);
            while (System.nanoTime() < deadline && expected.stream().anyMatch(e -> triggers.withName(e.name()).get() != null)) {
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            console.step("could not delete the applied Triggers: " + SandboxException.rootMessage(e));
        }
    }

    private String shown(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(repoRoot) ? repoRoot.relativize(absolute).toString() : path.toString();
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
