package dev.devcaster.operator.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.devcaster.operator.client.ApiKeys;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.Secret;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Step 2 of a reconcile: the API key of the Trigger's Devcaster project. Only the Secret the
 * Trigger names in its own namespace is ever read (by name: the operator cannot list Secrets);
 * without a reference, the operator's default key, and only in namespaces it is granted to.
 */
public final class CredentialsResolver {

    /** Triggers of one Secret share a read for this long; a rotation is seen within it. */
    private static final Duration SECRET_READS_SHARED = Duration.ofSeconds(5);

    private final URI baseUrl;
    private final Optional<String> defaultApiKey;
    private final Set<String> defaultKeyNamespaces;
    private final KubernetesGateway kubernetes;
    private final Cache<SecretName, Optional<Secret>> secrets = Caffeine.newBuilder()
        .expireAfterWrite(SECRET_READS_SHARED).maximumSize(10_000).build();
    private final Map<SecretName, String> used = new ConcurrentHashMap<>();

    /** @param defaultKeyNamespaces namespaces the default key serves; {@code *} serves all */
    public CredentialsResolver(URI baseUrl, Optional<String> defaultApiKey, Set<String> defaultKeyNamespaces,
                               KubernetesGateway kubernetes) {
        this.baseUrl = baseUrl;
        this.defaultApiKey = defaultApiKey;
        this.defaultKeyNamespaces = defaultKeyNamespaces;
        this.kubernetes = kubernetes;
    }

    public DevcasterCredentials resolve(Trigger trigger) {
        String namespace = trigger.getMetadata().getNamespace();
        SecretKeyRef ref = trigger.getSpec().getCredentialsSecretRef();
        if (ref == null) {
            return defaultKey(namespace);
        }
        String key = ref.getKey() == null ? SecretKeyRef.DEFAULT_KEY : ref.getKey();
        SecretName name = new SecretName(namespace, ref.getName());
        Optional<Secret> read = secrets.get(name, n -> kubernetes.secret(n.namespace(), n.name()));
        used.put(name, SecretName.version(read));
        Secret secret = read.orElseThrow(() -> new TriggerProblem(ReadyReason.CredentialsNotFound,
            "Secret " + namespace + "/" + ref.getName() + " not found"));
        String encoded = secret.getData() == null ? null : secret.getData().get(key);
        String apiKey = encoded == null ? "" : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim();
        if (apiKey.isEmpty()) {
            throw new TriggerProblem(ReadyReason.CredentialsNotFound,
                "Secret " + namespace + "/" + ref.getName() + " has no value under key " + key);
        }
        if (!ApiKeys.usableInHeader(apiKey)) {
            // Never echo the value: the HTTP client would put it in its own error message.
            throw new TriggerProblem(ReadyReason.CredentialsNotFound, "the value under key " + key + " of Secret "
                + namespace + "/" + ref.getName() + " contains characters an API key cannot have (line breaks?)");
        }
        return new DevcasterCredentials(baseUrl, apiKey);
    }

    /** The version of the Secret the last resolve used, if a resolve read it. */
    Optional<String> usedVersion(SecretName name) {
        return Optional.ofNullable(used.get(name));
    }

    /** The next resolve reads the Secret again: it just changed. */
    void forget(SecretName name) {
        secrets.invalidate(name);
    }

    /** Forgets the versions of Secrets no Trigger names any more. */
    void retainUsed(Set<SecretName> names) {
        used.keySet().retainAll(names);
    }

    private DevcasterCredentials defaultKey(String namespace) {
        if (defaultApiKey.isEmpty()) {
            throw new TriggerProblem(ReadyReason.CredentialsNotFound,
                "no spec.credentialsSecretRef and the operator has no default API key (DEVCASTER_API_KEY)");
        }
        if (!defaultKeyNamespaces.contains("*") && !defaultKeyNamespaces.contains(namespace)) {
            throw new TriggerProblem(ReadyReason.CredentialsNotFound, "no spec.credentialsSecretRef, and the operator's "
                + "default API key is not granted to namespace " + namespace + ": set spec.credentialsSecretRef to a "
                + "Secret of this namespace, or ask the operator's admin to add " + namespace
                + " to DEFAULT_API_KEY_NAMESPACES (Helm value devcaster.defaultKeyNamespaces)");
        }
        return new DevcasterCredentials(baseUrl, defaultApiKey.get());
    }
}
