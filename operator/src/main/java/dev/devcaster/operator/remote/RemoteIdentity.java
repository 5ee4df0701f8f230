package dev.devcaster.operator.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.TriggerInstance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Which remote trigger a Trigger stands for, independent of its id: the project (API key
 * fingerprint), the slug, the connected account and the config (as a hash). The operator writes
 * it on the Trigger before any call that may create an instance, so an instance whose create
 * answer was lost is found by it, and Triggers that declare the same remote trigger find each other.
 *
 * <p>The annotation is signed with the project's API key (HMAC-SHA256) for the one Trigger (uid) it
 * is written on. Trigger authors can write any annotation, but cannot sign one for a project whose
 * key they do not hold, nor reuse one copied from another Trigger: an identity is acted on
 * (searched for, deleted, counted as a twin) only when its signature checks out with the key of
 * the project it names, on the Trigger that carries it.
 */
public record RemoteIdentity(String project, String slug, String connectedAccountId, String configHash) {

    public RemoteIdentity {
        slug = slug.toUpperCase(Locale.ROOT);
    }

    public static RemoteIdentity of(String project, DesiredState desired) {
        return new RemoteIdentity(project, desired.slug(), desired.connectedAccountId(), desired.configHash());
    }

    /**
     * What an annotation claims, unchecked: good enough to find candidate twins, never to act on.
     * Anything that is not an identity (a tenant may write anything) is empty.
     */
    public static Optional<RemoteIdentity> claimed(String value) {
        return AnnotationFormat.parse(value == null ? "" : value.trim())
            .map(parts -> new RemoteIdentity(parts[1], parts[2], parts[3], parts[4]));
    }

    /**
     * The annotation's identity, when it names this key's project and carries this key's signature
     * for this Trigger (its uid).
     */
    public static Optional<RemoteIdentity> signed(String value, DevcasterCredentials key, String triggerUid) {
        return claimed(value).filter(identity -> identity.project().equals(key.fingerprint())
            && MessageDigest.isEqual(identity.format(key, triggerUid).getBytes(StandardCharsets.UTF_8),
                value.trim().getBytes(StandardCharsets.UTF_8)));
    }

    /** The annotation's value for the Trigger with this uid, signed with the key of this identity's project. */
    public String format(DevcasterCredentials key, String triggerUid) {
        if (!project.equals(key.fingerprint())) {
            throw new IllegalArgumentException("identity of project " + project + " signed with a key of " + key.fingerprint());
        }
        String body = "v1:" + project + ":" + slug + ":" + connectedAccountId + ":" + configHash;
        return body + ":" + signature(key, triggerUid + " " + body);
    }

    /** Whether this identity is this project's slug and config, on whichever account. */
    public boolean sameApartFromAccount(String project, String slug, JsonNode config) {
        return this.project.equals(project) && this.slug.equalsIgnoreCase(slug)
            && configHash.equals(CanonicalJson.hash(config));
    }

    /** The key under which Triggers of one project, slug and account are indexed. */
    public String account() {
        return project + "|" + slug + "|" + connectedAccountId;
    }

    /** The key under which Triggers of one project, slug, account and config are indexed. */
    public String exact() {
        return account() + "|" + configHash;
    }

    /** Whether this instance (read with a key of this project) is this remote trigger. */
    public boolean matches(TriggerInstance instance) {
        return slug.equalsIgnoreCase(instance.triggerName()) && connectedAccountId.equals(instance.connectedAccountId())
            && configHash.equals(CanonicalJson.hash(instance.triggerConfig()));
    }

    private static String signature(DevcasterCredentials key, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.apiKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("devcaster.dev/remote-identity " + signed).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JRE ships HmacSHA256", e);
        }
    }
}
