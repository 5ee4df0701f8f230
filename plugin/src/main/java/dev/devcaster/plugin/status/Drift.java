package dev.devcaster.plugin.status;

import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.TriggerType;
import dev.devcaster.operator.remote.DesiredState;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerSpec;
import dev.devcaster.plugin.devcaster.DevcasterSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a remote trigger differs from its Trigger's spec, compared the way the operator compares: the
 * config with the type's defaults applied (at the toolkit version the Trigger was last synced at),
 * numbers by value; the account the Trigger resolved (or pinned); the enabled state.
 */
final class Drift {

    static final String CONFIG = "config";
    static final String ENABLED = "enabled";
    static final String ACCOUNT = "account";
    static final String SLUG = "slug";
    /** The spec's config cannot be compared: its type or its schema rejects it (the READY column says why). */
    static final String UNKNOWN_CONFIG = "config?";

    private Drift() {
    }

    static List<String> of(Trigger trigger, TriggerInstance instance, DevcasterSession session) {
        TriggerSpec spec = trigger.getSpec();
        List<String> drift = new ArrayList<>();
        if (!spec.getSlug().equalsIgnoreCase(instance.triggerName())) {
            drift.add(SLUG);
        }
        String account = spec.getConnectedAccountId() != null ? spec.getConnectedAccountId()
            : trigger.getStatus() == null ? null : trigger.getStatus().getConnectedAccountId();
        if (account != null && !account.equals(instance.connectedAccountId())) {
            drift.add(ACCOUNT);
        }
        config(trigger, instance, session).ifPresent(drift::add);
        if (spec.enabled() != instance.enabled()) {
            drift.add(ENABLED);
        }
        return drift;
    }

    private static Optional<String> config(Trigger trigger, TriggerInstance instance, DevcasterSession session) {
        TriggerSpec spec = trigger.getSpec();
        String version = trigger.getStatus() != null && trigger.getStatus().getToolkitVersion() != null
            ? trigger.getStatus().getToolkitVersion()
            : spec.getToolkitVersion() != null ? spec.getToolkitVersion() : "latest";
        TriggerType type;
        try {
            type = session.type(spec.getSlug(), version);
        } catch (TriggerProblem unknownType) {
            return Optional.of(UNKNOWN_CONFIG);
        }
        if (!session.validator().validate(type.config(), spec.configOrEmpty()).isEmpty()) {
            return Optional.of(UNKNOWN_CONFIG);
        }
        DesiredState desired = new DesiredState(type.slug(), type.toolkit().slug(), type.version(),
            instance.connectedAccountId(), session.validator().withDefaults(type.config(), spec.configOrEmpty()),
            spec.enabled());
        return desired.sameConfig(instance.triggerConfig()) ? Optional.empty() : Optional.of(CONFIG);
    }
}
