package dev.devcaster.emulator.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The seed format, which is also the data-file format: projects (one per API key) with their auth
 * configs, connected accounts and trigger instances. Timestamps are ISO-8601 strings; omitted ids
 * and timestamps are generated.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedDocument(@JsonProperty("match_key_mode") String matchKeyMode,
                           @JsonProperty("projects") List<Project> projects) {

    public SeedDocument {
        projects = projects == null ? List.of() : List.copyOf(projects);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Project(@JsonProperty("api_key") String apiKey,
                          @JsonProperty("auth_configs") List<AuthConfig> authConfigs,
                          @JsonProperty("connected_accounts") List<Account> connectedAccounts,
                          @JsonProperty("triggers") List<Trigger> triggers) {

        public Project {
            authConfigs = authConfigs == null ? List.of() : List.copyOf(authConfigs);
            connectedAccounts = connectedAccounts == null ? List.of() : List.copyOf(connectedAccounts);
            triggers = triggers == null ? List.of() : List.copyOf(triggers);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthConfig(@JsonProperty("id") String id,
                             @JsonProperty("toolkit_slug") String toolkitSlug,
                             @JsonProperty("name") String name,
                             @JsonProperty("type") String type,
                             @JsonProperty("auth_scheme") String authScheme,
                             @JsonProperty("is_devcaster_managed") Boolean devcasterManaged,
                             @JsonProperty("is_disabled") Boolean disabled,
                             @JsonProperty("created_at") String createdAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Account(@JsonProperty("id") String id,
                          @JsonProperty("user_id") String userId,
                          @JsonProperty("toolkit_slug") String toolkitSlug,
                          @JsonProperty("auth_config_id") String authConfigId,
                          @JsonProperty("status") String status,
                          @JsonProperty("status_reason") String statusReason,
                          @JsonProperty("created_at") String createdAt,
                          @JsonProperty("updated_at") String updatedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trigger(@JsonProperty("id") String id,
                          @JsonProperty("trigger_name") String triggerName,
                          @JsonProperty("connected_account_id") String connectedAccountId,
                          @JsonProperty("user_id") String userId,
                          @JsonProperty("auth_config_id") String authConfigId,
                          @JsonProperty("trigger_config") Map<String, Object> triggerConfig,
                          @JsonProperty("created_at") String createdAt,
                          @JsonProperty("updated_at") String updatedAt,
                          @JsonProperty("disabled_at") String disabledAt) {
    }
}
