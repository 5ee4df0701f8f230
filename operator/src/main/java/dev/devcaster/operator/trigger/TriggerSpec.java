package dev.devcaster.operator.trigger;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;


/** What the user wants the remote trigger to be. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("The remote trigger as it should be: trigger type, whose account, config, toolkit version, "
        + "enabled, what deleting the resource does, and which API key to use.")
@ValidationRule(value = "has(self.userId) != has(self.connectedAccountId)",
        message = "exactly one of userId or connectedAccountId must be set")
public class TriggerSpec {

    @Required
    @Size(min = 1, max = 128)
    @Pattern("^[A-Za-z][A-Za-z0-9_]*$")
    @ValidationRule(value = "self == oldSelf", message = "slug is immutable; create a new Trigger instead")
    @JsonPropertyDescription("Trigger type slug, e.g. GITHUB_COMMIT_EVENT (case-insensitive; Devcaster upper-cases it). "
            + "Immutable.")
    private String slug;

    @Size(min = 1, max = 256)
    @JsonPropertyDescription("User whose connected account the trigger watches. The operator picks that user's most "
            + "recently created ACTIVE account of the trigger type's toolkit. Exactly one of userId or connectedAccountId.")
    private String userId;

    @Pattern("^ca_[A-Za-z0-9_-]{1,128}$")
    @JsonPropertyDescription("Pins one connected account (ca_...). It must exist, be ACTIVE and belong to the trigger "
            + "type's toolkit. Exactly one of userId or connectedAccountId.")
    private String connectedAccountId;

    @PreserveUnknownFields
    @JsonPropertyDescription("Trigger configuration, validated against the trigger type's config JSON Schema "
            + "(e.g. {owner: acme, repo: api} for GITHUB_COMMIT_EVENT). Defaults to {}.")
    private ObjectNode triggerConfig = JsonNodeFactory.instance.objectNode();

    @Pattern("^(latest|[0-9]{8}_[0-9]{2})$")
    @JsonPropertyDescription("Toolkit version of the trigger type: latest or a dated version such as 20250909_00. "
            + "Unset means the operator's default for the toolkit, else latest.")
    private String toolkitVersion;

    @Default("true")
    @JsonPropertyDescription("Whether the remote trigger delivers events. Defaults to true.")
    private Boolean enabled = Boolean.TRUE;

    @JsonPropertyDescription("What happens to the remote trigger when this resource is deleted: Delete removes it, "
            + "Orphan leaves it. Unset means the namespace annotation devcaster.dev/deletion-policy, else Delete.")
    private DeletionPolicy deletionPolicy;

    @JsonPropertyDescription("Secret in this namespace holding the Devcaster API key. Unset means the operator's "
            + "default API key.")
    private SecretKeyRef credentialsSecretRef;

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getConnectedAccountId() {
        return connectedAccountId;
    }

    public void setConnectedAccountId(String connectedAccountId) {
        this.connectedAccountId = connectedAccountId;
    }

    public ObjectNode getTriggerConfig() {
        return triggerConfig;
    }

    public void setTriggerConfig(ObjectNode triggerConfig) {
        this.triggerConfig = triggerConfig;
    }

    /** The config, {@code {}} when unset (as the CRD describes it). */
    public ObjectNode configOrEmpty() {
        return triggerConfig == null ? JsonNodeFactory.instance.objectNode() : triggerConfig;
    }

    public String getToolkitVersion() {
        return toolkitVersion;
    }

    public void setToolkitVersion(String toolkitVersion) {
        this.toolkitVersion = toolkitVersion;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    /** Unset counts as enabled, as the CRD default says. */
    public boolean enabled() {
        return !Boolean.FALSE.equals(enabled);
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public SecretKeyRef getCredentialsSecretRef() {
        return credentialsSecretRef;
    }

    public void setCredentialsSecretRef(SecretKeyRef credentialsSecretRef) {
        this.credentialsSecretRef = credentialsSecretRef;
    }
}
