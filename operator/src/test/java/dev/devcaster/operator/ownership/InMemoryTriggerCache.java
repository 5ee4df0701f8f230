package dev.devcaster.operator.ownership;

import dev.devcaster.operator.trigger.Trigger;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The informer cache's indexing, over a list: enough to test rules that use indexes. */
final class InMemoryTriggerCache implements IndexerResourceCache<Trigger> {

    private final List<Trigger> triggers = new ArrayList<>();
    private final Map<String, Function<Trigger, List<String>>> indexers = new HashMap<>();

    void add(Trigger trigger) {
        triggers.add(trigger);
    }

    @Override
    public void addIndexers(Map<String, Function<Trigger, List<String>>> more) {
        indexers.putAll(more);
    }

    @Override
    public List<Trigger> byIndex(String indexName, String indexKey) {
        return triggers.stream().filter(t -> indexers.get(indexName).apply(t).contains(indexKey)).toList();
    }

    @Override
    public Optional<Trigger> get(ResourceID resourceID) {
        return triggers.stream().filter(t -> ResourceID.fromResource(t).equals(resourceID)).findFirst();
    }

    @Override
    public Stream<ResourceID> keys() {
        return triggers.stream().map(ResourceID::fromResource);
    }

    @Override
    public Stream<Trigger> list(Predicate<Trigger> predicate) {
        return triggers.stream().filter(predicate);
    }

    @Override
    public Stream<Trigger> list(String namespace, Predicate<Trigger> predicate) {
        return triggers.stream().filter(t -> namespace.equals(t.getMetadata().getNamespace())).filter(predicate);
    }
}
