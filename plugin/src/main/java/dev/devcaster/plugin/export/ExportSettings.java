package dev.devcaster.plugin.export;

import dev.devcaster.operator.trigger.DeletionPolicy;
import dev.devcaster.operator.trigger.SecretKeyRef;

/**
 * How instances become manifests.
 *
 * @param namespace          metadata.namespace of every Trigger; null leaves it to {@code kubectl apply -n}
 * @param credentialsSecret  spec.credentialsSecretRef of every Trigger; null: the operator's default key
 * @param deletionPolicy     spec.deletionPolicy of every Trigger; null: the namespace's or the operator's default
 * @param toolkitVersion     spec.toolkitVersion of every Trigger; null: the version {@code latest} resolves to now
 * @param keepDefaults       keep config values equal to the schema default
 */
public record ExportSettings(String namespace, SecretKeyRef credentialsSecret, DeletionPolicy deletionPolicy,
                             String toolkitVersion, boolean keepDefaults) {
}
