package dev.devcaster.stress.chaos;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devcaster.operator.trigger.DeletionPolicy;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.operator.trigger.TriggerSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the chaos program declared for one Trigger, as it declared it last: the harness's side of
 * the truth the invariants are checked against. Every config carries a tag (namespace, tag name,
 * version), so each remote instance tells which Trigger (and which of its configs) it was made for.
 */
final class TriggerModel {

    /** What the Trigger is there to test. */
    enum Role {
        /** Created, changed and deleted at random. */
        NORMAL,
        /** Never changed (only perhaps deleted): an older Trigger with twins. */
        TWIN_OWNER,
        /** Same slug, account and config as an older Trigger in the same namespace: deserves Conflict. */
        TWIN,
        /** Never changed nor deleted: its instance must never be touched by another namespace. */
        VICTIM,
        /** Another namespace, same project, annotated with a victim's instance id, its own valid config. */
        HOSTILE,
        /** Like HOSTILE with an invalid config; deleted later (policy Delete). */
        HOSTILE_INVALID,
        /** No credentialsSecretRef in a namespace the default key does not serve: deserves CredentialsNotFound. */
        DENIED_DEFAULT
    }

    /** Which project's key the Trigger uses: the operator's default key, or the namespace's Secret. */
    enum Key { DEFAULT, SECRET }

    static final String SECRET_NAME = "devcaster-credentials";
    static final String SECRET_KEY = "apiKey";

    final String namespace;
    final String name;
    Role role;
    /** The Trigger whose config tag this one carries (itself, or the owner for a twin). */
    final String tagName;
    /** For twins the owner, for hostile ones the victim. */
    final String other;

    Key key;
    String slug;
    String userId;
    String pinnedAccount;
    int configVersion = 1;
    String toolkitVersion;
    boolean enabled = true;
    String deletionPolicy;
    String hostileAnnotation;

    Instant createdAt;
    Instant deletedAt;
    /** The effective policy when the deletion was asked for (spec, else namespace annotation, else Delete). */
    String deletedWithPolicy;
    /** "delete" (the Trigger) or "namespace" (its namespace was deleted). */
    String deletedBy;
    int changes;

    TriggerModel(String namespace, String name, Role role, String tagName, String other) {
        this.namespace = namespace;
        this.name = name;
        this.role = role;
        this.tagName = tagName;
        this.other = other;
    }

    String id() {
        return namespace + "/" + name;
    }

    boolean live() {
        return createdAt != null && deletedAt == null;
    }

    boolean github() {
        return slug.startsWith("GITHUB_");
    }

    String toolkit() {
        return github() ? "github" : "gmail";
    }

    /** May the scenario change this Trigger's spec? */
    boolean mutable() {
        return role == Role.NORMAL && live();
    }

    boolean invalidConfig() {
        return role == Role.HOSTILE_INVALID;
    }

    /** The config: tagged so the instance names its Trigger; an invalid one for HOSTILE_INVALID. */
    ObjectNode config() {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        if (github()) {
            c.put("owner", namespace);
            if (!invalidConfig()) {
                c.put("repo", tagName + ".v" + configVersion);
            }
        } else {
            c.put("interval", 1);
            c.put("labelIds", "INBOX");
            c.put("query", namespace + "/" + tagName + ".v" + configVersion);
            c.put("userId", "me");
        }
        return c;
    }

    /** The tag a remote instance's config carries: namespace, tag name and version. */
    record Tag(String namespace, String name, int version) {

        static Optional<Tag> of(Map<String, Object> config) {
            Object owner = config.get("owner");
            Object repo = config.get("repo");
            if (owner instanceof String ns && repo instanceof String r) {
                return split(ns, r);
            }
            if (config.get("query") instanceof String q && q.contains("/")) {
                return split(q.substring(0, q.indexOf('/')), q.substring(q.indexOf('/') + 1));
            }
            return Optional.empty();
        }

        private static Optional<Tag> split(String namespace, String nameAndVersion) {
            int at = nameAndVersion.lastIndexOf(".v");
            if (at < 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Tag(namespace, nameAndVersion.substring(0, at),
                    Integer.parseInt(nameAndVersion.substring(at + 2))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        String trigger() {
            return namespace + "/" + name;
        }

        @Override
        public String toString() {
            return namespace + "/" + name + ".v" + version;
        }
    }

    Trigger toResource() {
        Trigger t = new Trigger();
        Map<String, String> annotations = new LinkedHashMap<>();
        if (hostileAnnotation != null) {
            annotations.put(TriggerAnnotations.TRIGGER_ID, hostileAnnotation);
        }
        t.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name)
            .withLabels(Map.of("chaos.devcaster.dev/role", role.name().toLowerCase().replace('_', '-')))
            .withAnnotations(annotations.isEmpty() ? null : annotations).build());
        t.setSpec(spec());
        return t;
    }

    TriggerSpec spec() {
        TriggerSpec s = new TriggerSpec();
        s.setSlug(slug);
        s.setUserId(pinnedAccount == null ? userId : null);
        s.setConnectedAccountId(pinnedAccount);
        s.setTriggerConfig(config());
        s.setToolkitVersion(toolkitVersion);
        s.setEnabled(enabled);
        s.setDeletionPolicy(deletionPolicy == null ? null : DeletionPolicy.valueOf(deletionPolicy));
        s.setCredentialsSecretRef(key == Key.SECRET ? new SecretKeyRef(SECRET_NAME, SECRET_KEY) : null);
        return s;
    }

    /** The spec as a JSON merge patch: every field, null for the ones unset (so they are removed). */
    Map<String, Object> specPatch() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("slug", slug);
        spec.put("userId", pinnedAccount == null ? userId : null);
        spec.put("connectedAccountId", pinnedAccount);
        // Every config of one Trigger has the same keys, so merging the object replaces it.
        spec.put("triggerConfig", config());
        spec.put("toolkitVersion", toolkitVersion);
        spec.put("enabled", enabled);
        spec.put("deletionPolicy", deletionPolicy);
        spec.put("credentialsSecretRef", key == Key.SECRET ? Map.of("name", SECRET_NAME, "key", SECRET_KEY) : null);
        return Map.of("spec", spec);
    }

    TriggerModel copyAsTwin(String twinName) {
        TriggerModel twin = new TriggerModel(namespace, twinName, Role.TWIN, tagName, name);
        twin.key = key;
        twin.slug = slug;
        twin.userId = userId;
        twin.pinnedAccount = pinnedAccount;
        twin.configVersion = configVersion;
        twin.toolkitVersion = toolkitVersion;
        twin.enabled = enabled;
        return twin;
    }
}
