package dev.devcaster.operator.credentials;

import io.fabric8.kubernetes.api.model.Secret;

import java.util.Optional;

/** A Secret by namespace and name: what a Trigger's credentialsSecretRef points at. */
record SecretName(String namespace, String name) {

    /** What tells one state of the Secret from another: its resourceVersion, or "" while it is missing. */
    static String version(Optional<Secret> secret) {
        return secret.map(s -> s.getMetadata().getResourceVersion()).orElse("");
    }
}
