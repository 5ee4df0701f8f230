package dev.devcaster.operator.credentials;

import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import io.fabric8.kubernetes.api.model.Secret;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API keys that remote triggers were made with, by fingerprint, kept in one Secret of the
 * operator's own namespace. A Trigger's Secret may be gone when its remote trigger must be
 * deleted (a namespace deletion removes both, in any order, and the operator may have restarted
 * in between), and a Trigger that switched to another project's key must still reach the instance
 * it left behind. Keys are written there before the first remote write that needs them.
 */
public final class KeyVault {

    private final KubernetesGateway kubernetes;
    private final String namespace;
    private final String secretName;
    private final URI baseUrl;
    private final Map<String, DevcasterCredentials> known = new ConcurrentHashMap<>();

    public KeyVault(KubernetesGateway kubernetes, String namespace, String secretName, URI baseUrl) {
        this.kubernetes = kubernetes;
        this.namespace = namespace;
        this.secretName = secretName;
        this.baseUrl = baseUrl;
    }

    /** Keeps the key (once per key: later calls cost nothing). */
    public void keep(DevcasterCredentials key) {
        if (known.containsKey(key.fingerprint()) || stored().containsKey(key.fingerprint())) {
            known.putIfAbsent(key.fingerprint(), key);
            return;
        }
        kubernetes.addSecretData(namespace, secretName, Map.of(key.fingerprint(),
            Base64.getEncoder().encodeToString(key.apiKey().getBytes(StandardCharsets.UTF_8))));
        known.put(key.fingerprint(), key);
    }

    /** The key of that project, if this operator ever kept it. */
    public Optional<DevcasterCredentials> byFingerprint(String fingerprint) {
        DevcasterCredentials cached = known.get(fingerprint);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<DevcasterCredentials> stored = Optional.ofNullable(stored().get(fingerprint))
            .map(encoded -> new DevcasterCredentials(baseUrl,
                new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)))
            .filter(key -> key.fingerprint().equals(fingerprint));
        stored.ifPresent(key -> known.put(fingerprint, key));
        return stored;
    }

    private Map<String, String> stored() {
        return kubernetes.secret(namespace, secretName).map(Secret::getData).orElse(Map.of());
    }
}
