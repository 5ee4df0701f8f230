package dev.devcaster.operator.credentials;

import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last key that worked per Trigger: a namespace deletion may remove the Secret before the
 * finalizer runs, and the remote trigger must still be deleted with the key it was made with.
 */
public final class RememberedCredentials {

    private final CredentialsResolver resolver;
    private final Map<String, DevcasterCredentials> lastWorking = new ConcurrentHashMap<>();

    public RememberedCredentials(CredentialsResolver resolver) {
        this.resolver = resolver;
    }

    /** Resolves the Trigger's key and remembers it for its deletion. */
    public DevcasterCredentials resolve(Trigger trigger) {
        DevcasterCredentials credentials = resolver.resolve(trigger);
        lastWorking.put(trigger.getMetadata().getUid(), credentials);
        return credentials;
    }

    /** The Trigger's key now, else the last one that worked for it. */
    public DevcasterCredentials forDeletion(Trigger trigger) {
        try {
            return resolver.resolve(trigger);
        } catch (TriggerProblem missing) {
            DevcasterCredentials remembered = lastWorking.get(trigger.getMetadata().getUid());
            if (remembered == null) {
                throw missing;
            }
            return remembered;
        }
    }

    public void forget(Trigger trigger) {
        lastWorking.remove(trigger.getMetadata().getUid());
    }
}
