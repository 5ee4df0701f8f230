package dev.devcaster.operator.trigger;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

import java.util.Optional;

/** A Devcaster trigger declared as a Kubernetes resource; the operator keeps the remote instance equal to it. */
@Group(Trigger.GROUP)
@Version(Trigger.VERSION)
// Named, not derived: Fabric8 derives a plural with regular expressions in every Trigger's constructor,
// that is for every watch event, API answer and copy (4 % of the operator's CPU in a creation wave).
@Plural(Trigger.PLURAL)
@ShortNames("dtrigger")
@Categories("devcaster")
@JsonClassDescription("A Devcaster trigger: watches one event type on one user's connected account. "
        + "The operator validates it against the trigger type, creates or updates the remote trigger and keeps it in sync.")
@AdditionalPrinterColumn(name = "Slug", jsonPath = ".spec.slug", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "User", jsonPath = ".status.user", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "spec.userId, or the pinned connected account")
@AdditionalPrinterColumn(name = "Trigger ID", jsonPath = ".status.triggerId", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Account", jsonPath = ".status.connectedAccountId", type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
@AdditionalPrinterColumn(name = "Toolkit Version", jsonPath = ".status.toolkitVersion",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
public class Trigger extends CustomResource<TriggerSpec, TriggerStatus> implements Namespaced {

    public static final String GROUP = "devcaster.dev";
    public static final String VERSION = "v1alpha1";
    public static final String PLURAL = "triggers";

    @Override
    protected TriggerStatus initStatus() {
        return new TriggerStatus();
    }

    /** The remote trigger the status records: the one this Trigger created or adopted. */
    public Optional<String> recordedTriggerId() {
        return Optional.ofNullable(getStatus()).map(TriggerStatus::getTriggerId);
    }
}
