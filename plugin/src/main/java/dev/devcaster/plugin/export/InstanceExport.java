package dev.devcaster.plugin.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.TriggerType;
import dev.devcaster.operator.remote.DesiredState;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.operator.trigger.TriggerSpec;
import dev.devcaster.operator.triggertype.ValidatedConfig;
import dev.devcaster.plugin.devcaster.DevcasterSession;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One remote trigger instance as the Trigger that makes the operator adopt exactly it: the
 * {@code devcaster.dev/trigger-id} annotation names it, and slug, account, config (defaults applied)
 * and enabled state are the instance's. Every draft is checked with the operator's own validation and
 * desired-state comparison, so "adoptable" here means the operator's adoption rule holds.
 */
final class InstanceExport {

    /**
     * A Trigger for one instance, without its name yet.
     *
     * @param warnings     what keeps the Trigger from Ready without any remote write (e.g. an expired account)
     * @param notAdoptable why the operator would not adopt the instance for this Trigger; such a draft is not
     *                     exported, as applying it would make the operator write (and possibly create) remotely
     */
    record Draft(TriggerInstance instance, String toolkit, String user, Trigger trigger, List<String> warnings,
                 Optional<String> notAdoptable) {
    }

    private final DevcasterSession session;
    private final ExportSettings settings;
    private final AccountChoice accounts;

    InstanceExport(DevcasterSession session, ExportSettings settings) {
        this.session = session;
        this.settings = settings;
        this.accounts = new AccountChoice(session);
    }

    /** The toolkit of the instance's trigger type; @throws TriggerProblem UnknownTriggerType */
    TriggerType type(TriggerInstance instance) {
        return session.type(instance.triggerName(), settings.toolkitVersion() == null ? "latest" : settings.toolkitVersion());
    }

    Draft draft(TriggerInstance instance, TriggerType type) {
        String toolkit = type.toolkit().slug();
        List<String> warnings = new ArrayList<>();
        AccountChoice.Choice account = accounts.choose(instance, toolkit);
        account.warning().ifPresent(warnings::add);
        ObjectNode stored = instance.triggerConfig() != null && instance.triggerConfig().isObject()
            ? (ObjectNode) instance.triggerConfig() : JsonNodeFactory.instance.objectNode();
        ObjectNode config = settings.keepDefaults() ? stored.deepCopy() : ConfigDefaults.withoutDefaults(type.config(), stored);
        Trigger trigger = trigger(instance, type, account, config);
        Optional<String> mismatch = adoptionMismatch(trigger, instance);
        if (mismatch.isPresent() && !settings.keepDefaults() && !config.equals(stored)) {
            trigger = trigger(instance, type, account, stored.deepCopy());
            mismatch = adoptionMismatch(trigger, instance);
        }
        String user = instance.userId() != null ? instance.userId() : "";
        return new Draft(instance, toolkit, user, trigger, List.copyOf(warnings), mismatch);
    }

    private Trigger trigger(TriggerInstance instance, TriggerType type, AccountChoice.Choice account, ObjectNode config) {
        Trigger trigger = new Trigger();
        trigger.setMetadata(new ObjectMetaBuilder().withNamespace(settings.namespace())
            .withAnnotations(Map.of(TriggerAnnotations.TRIGGER_ID, instance.id())).build());
        TriggerSpec spec = new TriggerSpec();
        spec.setSlug(type.slug());
        spec.setUserId(account.userId());
        spec.setConnectedAccountId(account.connectedAccountId());
        spec.setTriggerConfig(config);
        spec.setToolkitVersion(settings.toolkitVersion() == null ? type.version() : settings.toolkitVersion());
        spec.setEnabled(instance.enabled());
        spec.setDeletionPolicy(settings.deletionPolicy());
        spec.setCredentialsSecretRef(settings.credentialsSecret());
        trigger.setSpec(spec);
        trigger.setStatus(null);
        return trigger;
    }

    /** Why the operator would not adopt this instance for this Trigger (its own check), or empty when it would. */
    private Optional<String> adoptionMismatch(Trigger trigger, TriggerInstance instance) {
        ValidatedConfig validated;
        try {
            validated = session.typeCheck().check(session.credentials(), trigger);
        } catch (TriggerProblem problem) {
            return Optional.of("the operator would report " + problem.reason() + ": " + problem.getMessage());
        }
        DesiredState desired = DesiredState.of(validated, instance.connectedAccountId(), instance.enabled());
        if (!desired.matches(instance)) {
            return Optional.of("its stored config is not what a Trigger declares with the defaults of " + validated.slug()
                + " at toolkit version " + validated.toolkitVersion() + " applied, so the operator would upsert "
                + "instead of adopting it");
        }
        return Optional.empty();
    }
}
