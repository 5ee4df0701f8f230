package dev.devcaster.operator.trigger;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

/** What the operator last did and saw; kstatus-compatible (observedGeneration + Ready). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("What the operator last did and saw. Ready=True means the remote trigger matches the spec; "
        + "Reconciling=True means the operator is working on it; Stalled=True means a person must act.")
public class TriggerStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @Pattern("^ti_[A-Za-z0-9_-]{1,128}$")
    @JsonPropertyDescription("Id of the remote trigger instance (ti_...) this Trigger created or adopted.")
    private String triggerId;

    @JsonPropertyDescription("Whose connected account the trigger watches: spec.userId, or the pinned connected "
            + "account (shown in the USER column).")
    private String user;

    @Pattern("^[0-9a-f]{12}$")
    @JsonPropertyDescription("The Devcaster project the remote trigger lives in: a fingerprint of its API key (never "
            + "the key itself).")
    private String project;

    @JsonPropertyDescription("The connected account the trigger runs on (resolved from userId, or the pinned one).")
    private String connectedAccountId;

    @JsonPropertyDescription("Toolkit of the trigger type, e.g. github.")
    private String toolkit;

    @JsonPropertyDescription("Resolved toolkit version of the trigger type (never latest).")
    private String toolkitVersion;

    @JsonPropertyDescription("Enabled or Disabled, as last seen on the remote trigger.")
    private TriggerState state;

    @JsonPropertyDescription("When the remote trigger was last confirmed equal to the spec (RFC 3339).")
    private String lastSyncedTime;

    @JsonPropertyDescription("Hash of the desired remote state (slug, account, config, enabled, toolkit version) "
            + "last applied; lets the operator skip work that cannot change anything.")
    private String desiredHash;


    @JsonPropertyDescription("Ready, Reconciling and Stalled conditions (kstatus).")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getTriggerId() {
        return triggerId;
    }

    public void setTriggerId(String triggerId) {
        this.triggerId = triggerId;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getProject() {
        return project;
    }

    public void setProject(String project) {
        this.project = project;
    }

    public String getConnectedAccountId() {
        return connectedAccountId;
    }

    public void setConnectedAccountId(String connectedAccountId) {
        this.connectedAccountId = connectedAccountId;
    }

    public String getToolkit() {
        return toolkit;
    }

    public void setToolkit(String toolkit) {
        this.toolkit = toolkit;
    }

    public String getToolkitVersion() {
        return toolkitVersion;
    }

    public void setToolkitVersion(String toolkitVersion) {
        this.toolkitVersion = toolkitVersion;
    }

    public TriggerState getState() {
        return state;
    }

    public void setState(TriggerState state) {
        this.state = state;
    }

    public String getLastSyncedTime() {
        return lastSyncedTime;
    }

    public void setLastSyncedTime(String lastSyncedTime) {
        this.lastSyncedTime = lastSyncedTime;
    }

    public String getDesiredHash() {
        return desiredHash;
    }

    public void setDesiredHash(String desiredHash) {
        this.desiredHash = desiredHash;
    }


    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
