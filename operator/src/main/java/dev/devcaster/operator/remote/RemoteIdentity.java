package dev.devcaster.operator.remote;

import dev.devcaster.operator.client.TriggerInstance;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which remote trigger a Trigger stands for, independent of its id: the project (API key
 * fingerprint), the slug, the connected account and the config (as a hash). The operator writes
 * it on the Trigger before any call that may create an instance, so an instance whose create
 * answer was lost is found by it, and Triggers that declare the same remote trigger find each other.
 */
public record RemoteIdentity(String project, String slug, String connectedAccountId, String configHash) {

    private static final Pattern FORMAT = Pattern.compile(
        "v1:([0-9a-f]{12}):([A-Z][A-Z0-9_]{0,127}):(ca_[A-Za-z0-9_-]{1,128}):([0-9a-f]{16})");

    public RemoteIdentity {
        slug = slug.toUpperCase(Locale.ROOT);
    }

    public static RemoteIdentity of(String project, DesiredState desired) {
        return new RemoteIdentity(project, desired.slug(), desired.connectedAccountId(), desired.configHash());
    }

    /** The annotation's value; anything that is not one (a tenant may write anything) is empty. */
    public static Optional<RemoteIdentity> parse(String value) {
        Matcher m = FORMAT.matcher(value == null ? "" : value.trim());
        return m.matches() ? Optional.of(new RemoteIdentity(m.group(1), m.group(2), m.group(3), m.group(4)))
            : Optional.empty();
    }

    public String format() {
        return "v1:" + project + ":" + slug + ":" + connectedAccountId + ":" + configHash;
    }

    /** The key under which Triggers of one project, slug and account are indexed. */
    public String account() {
        return project + "|" + slug + "|" + connectedAccountId;
    }

    /** Whether this instance (read with a key of this project) is this remote trigger. */
    public boolean matches(TriggerInstance instance) {
        return slug.equalsIgnoreCase(instance.triggerName()) && connectedAccountId.equals(instance.connectedAccountId())
            && configHash.equals(CanonicalJson.hash(instance.triggerConfig()));
    }
}
