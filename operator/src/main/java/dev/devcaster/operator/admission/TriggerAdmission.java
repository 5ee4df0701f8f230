package dev.devcaster.operator.admission;

import dev.devcaster.operator.account.AccountResolver;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.DevcasterException;
import dev.devcaster.operator.client.RateLimitedException;
import dev.devcaster.operator.client.RejectedException;
import dev.devcaster.operator.client.UnauthorizedException;
import dev.devcaster.operator.config.FailurePolicy;
import dev.devcaster.operator.config.ShardSelector;
import dev.devcaster.operator.credentials.CredentialsResolver;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerAnnotations;
import dev.devcaster.operator.triggertype.TypeCheck;
import dev.devcaster.operator.triggertype.ValidatedConfig;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a Trigger may be stored, decided by the reconcile's own steps (credentials, trigger type
 * at the toolkit version, JSON Schema of the config, connected account), so admission and
 * reconcile never disagree. What can never work is refused (invalid config, unknown type); what
 * can become true later is admitted with a warning (no account yet, an expired account, a Secret
 * not created yet, a rejected key); what cannot be checked now (Devcaster unreachable, 429,
 * timeout) follows the failure policy. Reads only: nothing is written, remotely or in the cluster.
 */
public final class TriggerAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerAdmission.class);

    /** The reconcile's steps admission runs, each throwing what the reconcile's step throws. */
    public interface Steps {
        /** @see CredentialsResolver#resolve */
        DevcasterCredentials credentials(Trigger trigger);

        /** @see TypeCheck#check */
        ValidatedConfig check(DevcasterCredentials key, Trigger trigger);

        /** @see AccountResolver#resolve */
        void account(DevcasterCredentials key, Trigger trigger, String toolkit);

        /** The reconcile's own classes. */
        static Steps of(CredentialsResolver credentials, TypeCheck types, AccountResolver accounts) {
            return new Steps() {
                @Override
                public DevcasterCredentials credentials(Trigger trigger) {
                    return credentials.resolve(trigger);
                }

                @Override
                public ValidatedConfig check(DevcasterCredentials key, Trigger trigger) {
                    return types.check(key, trigger);
                }

                @Override
                public void account(DevcasterCredentials key, Trigger trigger, String toolkit) {
                    accounts.resolve(key, trigger, toolkit);
                }
            };
        }
    }

    private final Steps steps;
    private final Set<String> watchNamespaces;
    private final ShardSelector shard;
    private final FailurePolicy failurePolicy;

    /**
     * @param watchNamespaces the namespaces this operator manages; empty = all
     * @param shard           the Triggers of those namespaces it manages
     */
    public TriggerAdmission(Steps steps, Set<String> watchNamespaces, ShardSelector shard, FailurePolicy failurePolicy) {
        this.steps = steps;
        this.watchNamespaces = Set.copyOf(watchNamespaces);
        this.shard = shard;
        this.failurePolicy = failurePolicy;
    }

    public Verdict decide(Trigger trigger) {
        String namespace = trigger.getMetadata().getNamespace();
        if (!watchNamespaces.isEmpty() && !watchNamespaces.contains(namespace)
            || !shard.matches(trigger.getMetadata().getLabels())) {
            // Another operator or shard (or none) manages it, with its own keys and defaults: not this one's to judge.
            return Verdict.allowed(List.of());
        }
        if (TriggerAnnotations.paused(trigger)) {
            return Verdict.allowed(List.of("not validated against Devcaster: annotation " + TriggerAnnotations.PAUSED
                + " is \"true\" (no remote calls while paused)"));
        }
        DevcasterCredentials key;
        try {
            key = steps.credentials(trigger);
        } catch (TriggerProblem problem) {
            return Verdict.allowed(List.of(problem.reason() + ": " + problem.getMessage()
                + "; the config is validated once the key is there"));
        } catch (KubernetesClientException e) {
            return unavailable("could not read the credentials Secret (HTTP " + e.getCode() + ")");
        }
        ValidatedConfig validated;
        try {
            validated = steps.check(key, trigger);
        } catch (TriggerProblem problem) {
            return Verdict.denied(problem.getMessage());
        } catch (UnauthorizedException e) {
            return Verdict.allowed(List.of(ReadyReason.CredentialsRejected + ": Devcaster rejected the API key ("
                + e.summary() + "); the config is validated once the key works"));
        } catch (RejectedException e) {
            return Verdict.denied("Devcaster rejected the trigger type request: " + e.summary());
        } catch (DevcasterException e) {
            return unavailable(describe(e));
        }
        List<String> warnings = new ArrayList<>();
        try {
            steps.account(key, trigger, validated.toolkit());
        } catch (TriggerProblem problem) {
            warnings.add(problem.reason() + ": " + problem.getMessage());
        } catch (DevcasterException e) {
            warnings.add("the connected account was not checked: " + describe(e));
        }
        return Verdict.allowed(warnings);
    }

    /** What to answer when the Trigger could not be validated in time (or at all). */
    public Verdict unavailable(String why) {
        String text = "could not validate the Trigger against Devcaster: " + why;
        return failurePolicy == FailurePolicy.Fail
            ? new Verdict(Verdict.Result.DENIED_ON_ERROR, text + "; try again (the webhook's failure policy is Fail)",
                List.of())
            : new Verdict(Verdict.Result.ALLOWED_ON_ERROR, null,
                List.of(text + "; admitted unvalidated: the operator validates it when it reconciles"));
    }

    /** A bug, not an expected failure: logged with its stack trace, answered by the failure policy. */
    public Verdict failed(RuntimeException e) {
        LOG.error("admission check failed unexpectedly", e);
        return unavailable("internal error (" + e.getClass().getSimpleName() + ")");
    }

    private static String describe(DevcasterException e) {
        if (e instanceof RateLimitedException limited && limited.local()) {
            return "the operator's rate limit for this API key is reached (" + e.summary() + ")";
        }
        return e.summary();
    }
}
