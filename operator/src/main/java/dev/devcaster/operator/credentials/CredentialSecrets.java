package dev.devcaster.operator.credentials;

import dev.devcaster.operator.trigger.Trigger;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Secrets Triggers name in {@code credentialsSecretRef}, watched so that a rotated or newly
 * created Secret re-reconciles exactly the Triggers that reference it.
 */
public final class CredentialSecrets {

    private static final String INDEX = "credentials-secret";

    private volatile InformerEventSource<Secret, Trigger> informer;

    /** The event source to register with the controller; indexes Triggers by the Secret they name. */
    public InformerEventSource<Secret, Trigger> eventSource(EventSourceContext<Trigger> context) {
        IndexerResourceCache<Trigger> triggers = context.getPrimaryCache();
        triggers.addIndexer(INDEX, t -> t.getSpec() == null || t.getSpec().getCredentialsSecretRef() == null
            ? List.of() : List.of(key(t.getMetadata().getNamespace(), t.getSpec().getCredentialsSecretRef().getName())));
        var configuration = InformerEventSourceConfiguration.from(Secret.class, Trigger.class)
            .withName("credentials-secrets")
            .withSecondaryToPrimaryMapper(secret -> triggers
                .byIndex(INDEX, key(secret.getMetadata().getNamespace(), secret.getMetadata().getName()))
                .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
            .build();
        informer = new InformerEventSource<>(configuration, context);
        return informer;
    }

    public Optional<Secret> get(ResourceID secret) {
        return informer == null ? Optional.empty() : informer.get(secret);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
