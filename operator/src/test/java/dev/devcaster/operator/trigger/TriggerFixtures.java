package dev.devcaster.operator.trigger;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Trigger resources as tests write them. */
public final class TriggerFixtures {

    private TriggerFixtures() {
    }

    public static Trigger trigger(String name, String slug, String userId) {
        Trigger t = new Trigger();
        t.setMetadata(new ObjectMetaBuilder().withName(name).build());
        TriggerSpec spec = new TriggerSpec();
        spec.setSlug(slug);
        spec.setUserId(userId);
        t.setSpec(spec);
        return t;
    }
}
