package dev.devcaster.operator.triggertype;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.TriggerType;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Steps 3 and 4: the trigger type at the toolkit version the Trigger asks for (else the operator's
 * default for the toolkit, else latest), and the config checked against its schema before
 * anything is written remotely.
 */
public final class TypeCheck {

    private final TriggerTypeCache types;
    private final ConfigValidator validator;
    private final UnaryOperator<String> defaultVersionOfToolkit;

    /** @param defaultVersionOfToolkit toolkit slug to the version Triggers without toolkitVersion use */
    public TypeCheck(TriggerTypeCache types, ConfigValidator validator, UnaryOperator<String> defaultVersionOfToolkit) {
        this.types = types;
        this.validator = validator;
        this.defaultVersionOfToolkit = defaultVersionOfToolkit;
    }

    /** @throws TriggerProblem UnknownTriggerType or InvalidConfig, with every failing field */
    public ValidatedConfig check(DevcasterCredentials credentials, Trigger trigger) {
        TriggerType type = type(credentials, trigger);
        ObjectNode config = trigger.getSpec().configOrEmpty();
        List<String> invalid = validator.validate(type.config(), config);
        if (!invalid.isEmpty()) {
            throw new TriggerProblem(ReadyReason.InvalidConfig, "config does not match the schema of " + type.slug()
                + " at toolkit version " + type.version() + ": " + String.join("; ", invalid));
        }
        return new ValidatedConfig(type, validator.withDefaults(type.config(), config));
    }

    /** A config as Devcaster would store it under this type (defaults applied), to compare Triggers. */
    public ObjectNode canonical(ValidatedConfig reference, ObjectNode config) {
        return validator.withDefaults(reference.type().config(), config);
    }

    private TriggerType type(DevcasterCredentials credentials, Trigger trigger) {
        String slug = trigger.getSpec().getSlug();
        String requested = trigger.getSpec().getToolkitVersion();
        if (requested != null) {
            return types.get(credentials, slug, requested);
        }
        TriggerType latest = types.get(credentials, slug, "latest");
        String preferred = defaultVersionOfToolkit.apply(latest.toolkit().slug());
        return "latest".equals(preferred) ? latest : types.get(credentials, slug, preferred);
    }
}
