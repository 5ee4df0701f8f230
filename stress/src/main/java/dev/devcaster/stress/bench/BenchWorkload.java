package dev.devcaster.stress.bench;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.store.Project;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The triggers both contenders create: one GitHub commit trigger per repository, spread over a few
 * users who each have one ACTIVE GitHub account. The operator gets them as Trigger resources, the
 * SDK-style loop as rows of its list; both resolve the same slug, users and configs, each in its
 * own project.
 */
final class BenchWorkload {

    static final String SLUG = "GITHUB_COMMIT_EVENT";
    static final String TOOLKIT = "github";

    /** One trigger: what the SDK loop sends, and what the Trigger's spec says. */
    record Item(String name, String slug, String userId, Map<String, Object> config) {
    }

    private final List<String> users;

    BenchWorkload(int users) {
        this.users = IntStream.range(0, Math.max(1, users)).mapToObj(i -> String.format("user-%03d", i)).toList();
    }

    List<String> users() {
        return users;
    }

    /** The i-th trigger of the creation wave (group {@code wave}). */
    Item item(int i) {
        return named(String.format("wave-%05d", i), users.get(i % users.size()), "repo-" + i);
    }

    /** A trigger outside the wave, e.g. {@code first-0}, {@code restart-0}, with a repository of its own. */
    Item extra(String group) {
        return named(group + "-0", users.get(0), group);
    }

    private static Item named(String name, String user, String repo) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("owner", "acme");
        config.put("repo", repo);
        return new Item(name, SLUG, user, config);
    }

    /** Every user gets one ACTIVE GitHub account in the project. */
    void seed(Project project) {
        Instant now = Instant.now();
        for (int i = 0; i < users.size(); i++) {
            project.addConnectedAccount(users.get(i), TOOLKIT, AccountStatus.ACTIVE, now.minus(i + 1L, ChronoUnit.HOURS));
        }
    }

    static Trigger resource(Item item, String namespace) {
        Trigger t = new Trigger();
        t.setMetadata(new ObjectMetaBuilder().withName(item.name()).withNamespace(namespace).build());
        TriggerSpec spec = new TriggerSpec();
        spec.setSlug(item.slug());
        spec.setUserId(item.userId());
        item.config().forEach((k, v) -> spec.getTriggerConfig().put(k, String.valueOf(v)));
        t.setSpec(spec);
        return t;
    }
}
