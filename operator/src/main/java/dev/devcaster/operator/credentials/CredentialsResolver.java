package dev.devcaster.operator.credentials;

import dev.devcaster.operator.client.ApiKeys;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.SecretKeyRef;
import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Step 2 of a reconcile: the API key of the Trigger's Devcaster project. Only the Secret in the
 * Trigger's own namespace is ever read; without a reference, the operator's default key is used.
 */
public final class CredentialsResolver {

    private final URI baseUrl;
    private final Optional<String> defaultApiKey;
    private final Function<ResourceID, Optional<Secret>> secrets;

    public CredentialsResolver(URI baseUrl, Optional<String> defaultApiKey, Function<ResourceID, Optional<Secret>> secrets) {
        this.baseUrl = baseUrl;
        this.defaultApiKey = defaultApiKey;
        this.secrets = secrets;
    }

    public DevcasterCredentials resolve(Trigger trigger) {
        SecretKeyRef ref = trigger.getSpec().getCredentialsSecretRef();
        if (ref == null) {
            return defaultApiKey.map(key -> new DevcasterCredentials(baseUrl, key)).orElseThrow(() -> new TriggerProblem(
                ReadyReason.CredentialsNotFound,
                "no spec.credentialsSecretRef and the operator has no default API key (DEVCASTER_API_KEY)"));
        }
        String namespace = trigger.getMetadata().getNamespace();
        String key = ref.getKey() == null ? SecretKeyRef.DEFAULT_KEY : ref.getKey();
        Secret secret = secrets.apply(new ResourceID(ref.getName(), namespace)).orElseThrow(() -> new TriggerProblem(
            ReadyReason.CredentialsNotFound, "Secret " + namespace + "/" + ref.getName() + " not found"));
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
}
