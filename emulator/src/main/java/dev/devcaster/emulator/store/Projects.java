package dev.devcaster.emulator.store;

import dev.devcaster.emulator.model.MatchKeyMode;
import dev.devcaster.emulator.state.SeedDocument;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Every project, one per API key. Thread-safe. */
public final class Projects {

    private final Map<String, Project> byKey = new ConcurrentHashMap<>();
    private final Supplier<MatchKeyMode> matchKeyMode;
    private final Runnable onChange;

    /**
     * @param matchKeyMode read at every upsert, so a change takes effect for the next one
     * @param onChange     run after every change to a project's content (persistence hooks in here)
     */
    public Projects(Supplier<MatchKeyMode> matchKeyMode, Runnable onChange) {
        this.matchKeyMode = matchKeyMode;
        this.onChange = onChange;
    }

    /** Get-or-create: the first use of a key creates its empty project. */
    public Project project(String apiKey) {
        return byKey.computeIfAbsent(apiKey, key -> new Project(key, matchKeyMode, onChange));
    }

    /** The key's project if the key is known. */
    public Optional<Project> existing(String apiKey) {
        return Optional.ofNullable(byKey.get(apiKey));
    }

    public Collection<Project> all() {
        return byKey.values().stream().distinct().toList();
    }

    /** A second key for an existing project, as when a project's key is rotated: both see the same data. */
    public void addKey(String newKey, String existingKey) {
        Project project = existing(existingKey).orElseThrow(() -> new StoreException(StoreException.Reason.NOT_FOUND,
            "Project_NotFound", "no project has that key", null));
        byKey.put(newKey, project);
    }

    /** The key stops working (401); its project and data stay and can be read through other keys. */
    public void revokeKey(String apiKey) {
        byKey.remove(apiKey);
    }

    /** Gives a revoked key its project back. */
    public void reinstateKey(String apiKey, Project project) {
        byKey.put(apiKey, project);
    }

    public void clear() {
        byKey.clear();
    }

    /** Adds what the seeds describe; existing projects keep what they have. */
    public void seed(List<SeedDocument.Project> seeds) {
        seeds.forEach(p -> project(p.apiKey()).applySeed(p));
    }

    /** Every project in the seed format (without a match-key mode: that is not state). */
    public SeedDocument snapshot() {
        return new SeedDocument(null, byKey.values().stream().map(Project::toSeed).toList());
    }
}
