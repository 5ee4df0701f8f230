package dev.devcaster.plugin.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.devcaster.operator.client.TriggerType;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.plugin.devcaster.DevcasterSession;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Trigger manifest checked the way it will be checked after {@code kubectl apply}: first what the
 * CRD's schema rejects (missing slug, both or neither of userId/connectedAccountId, malformed
 * fields), then what the operator rejects, with its own parts: the trigger type at the manifest's
 * toolkit version ({@code UnknownTriggerType}) and the config against the type's JSON Schema
 * ({@code InvalidConfig}, one line per failing field, exactly the operator's messages).
 */
final class ManifestCheck {

    /**
     * @param type     e.g. {@code GITHUB_COMMIT_EVENT at toolkit version 20250909_00}, empty when not reached
     * @param problems one per failing field ({@code triggerConfig.repo: required}); empty when valid
     * @param warnings what is allowed but probably not meant
     */
    record Result(String name, Optional<String> type, List<String> problems, List<String> warnings) {

        boolean valid() {
            return problems.isEmpty();
        }
    }

    private static final Set<String> SPEC_FIELDS = Set.of("slug", "userId", "connectedAccountId", "triggerConfig",
        "toolkitVersion", "enabled", "deletionPolicy", "credentialsSecretRef");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern SLUG = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");
    private static final Pattern ACCOUNT = Pattern.compile("ca_[A-Za-z0-9_-]{1,128}");
    private static final Pattern VERSION = Pattern.compile("latest|[0-9]{8}_[0-9]{2}");

    private final DevcasterSession session;

    ManifestCheck(DevcasterSession session) {
        this.session = session;
    }

    Result check(JsonNode manifest) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        JsonNode metadata = manifest.path("metadata");
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            problems.add("metadata.name: required");
        } else if (name.length() > 253 || !NAME.matcher(name).matches()) {
            problems.add("metadata.name: must be a DNS-1123 subdomain (lower case letters, digits, '-' and '.')");
        }
        JsonNode hint = metadata.path("annotations").path(TriggerAnnotations.TRIGGER_ID);
        if (!hint.isMissingNode() && !hint.asText("").trim().matches("ti_[A-Za-z0-9_-]{1,128}")) {
            warnings.add("metadata.annotations." + TriggerAnnotations.TRIGGER_ID + ": not a trigger id (ti_...); "
                + "the operator ignores it");
        }
        JsonNode spec = manifest.path("spec");
        if (!spec.isObject()) {
            problems.add("spec: required");
            return new Result(name, Optional.empty(), problems, warnings);
        }
        boolean typeCheckable = checkSpec(spec, problems);
        Optional<String> type = Optional.empty();
        if (typeCheckable) {
            type = checkType(spec, problems);
        }
        return new Result(name, type, problems, warnings);
    }

    /** The CRD's rules; true when slug, version and config are well-formed enough to ask the trigger type. */
    private static boolean checkSpec(JsonNode spec, List<String> problems) {
        Iterator<String> fields = spec.fieldNames();
        fields.forEachRemaining(f -> {
            if (!SPEC_FIELDS.contains(f)) {
                problems.add(f + ": unknown field");
            }
        });
        boolean checkable = true;
        JsonNode slug = spec.path("slug");
        if (slug.isMissingNode() || slug.isNull()) {
            problems.add("slug: required");
            checkable = false;
        } else if (!slug.isTextual() || !SLUG.matcher(slug.asText()).matches()) {
            problems.add("slug: must be a trigger type slug such as GITHUB_COMMIT_EVENT");
            checkable = false;
        }
        boolean user = spec.hasNonNull("userId");
        boolean account = spec.hasNonNull("connectedAccountId");
        if (user == account) {
            problems.add("userId, connectedAccountId: exactly one of userId or connectedAccountId must be set");
        }
        if (user && (!spec.get("userId").isTextual() || spec.get("userId").asText().isEmpty())) {
            problems.add("userId: must be a non-empty string");
        }
        if (account && !(spec.get("connectedAccountId").isTextual()
            && ACCOUNT.matcher(spec.get("connectedAccountId").asText()).matches())) {
            problems.add("connectedAccountId: must be a connected account id (ca_...)");
        }
        JsonNode version = spec.path("toolkitVersion");
        if (!version.isMissingNode() && !(version.isTextual() && VERSION.matcher(version.asText()).matches())) {
            problems.add("toolkitVersion: must be latest or a dated version such as \"20250909_00\" (quoted)");
            checkable = false;
        }
        JsonNode config = spec.path("triggerConfig");
        if (!config.isMissingNode() && !config.isNull() && !config.isObject()) {
            problems.add("triggerConfig: must be an object");
            checkable = false;
        }
        JsonNode enabled = spec.path("enabled");
        if (!enabled.isMissingNode() && !enabled.isBoolean()) {
            problems.add("enabled: must be true or false");
        }
        JsonNode policy = spec.path("deletionPolicy");
        if (!policy.isMissingNode() && !policy.asText("").matches("Delete|Orphan")) {
            problems.add("deletionPolicy: must be Delete or Orphan");
        }
        JsonNode secret = spec.path("credentialsSecretRef");
        if (!secret.isMissingNode() && !(secret.isObject() && secret.path("name").isTextual()
            && !secret.path("name").asText().isEmpty())) {
            problems.add("credentialsSecretRef.name: required");
        }
        return checkable;
    }

    /** The operator's steps 3 and 4: the type at the version, the config against its schema. */
    private Optional<String> checkType(JsonNode spec, List<String> problems) {
        String slug = spec.get("slug").asText();
        String version = spec.path("toolkitVersion").asText("latest");
        TriggerType type;
        try {
            type = session.type(slug, version);
        } catch (TriggerProblem unknown) {
            problems.add("slug: " + unknown.getMessage());
            return Optional.empty();
        }
        JsonNode config = spec.path("triggerConfig");
        if (!config.isObject()) {
            config = JsonNodeFactory.instance.objectNode();
        }
        problems.addAll(session.validator().validate(type.config(), config));
        return Optional.of(type.slug() + " at toolkit version " + type.version());
    }
}
