package dev.devcaster.operator.config;

import dev.devcaster.operator.trigger.DeletionPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Operator settings, read once at start from environment variables (see {@link EnvironmentConfig}).
 *
 * @param defaultApiKey          API key for Triggers without credentialsSecretRef; empty = none
 * @param watchNamespaces        namespaces to watch; empty = all
 * @param defaultToolkitVersions toolkit slug to version, for Triggers without toolkitVersion
 * @param rateLimit              requests per second per API key to Devcaster; 0 = unlimited
 * @param recheckPeriod          how soon a Trigger waiting on something outside the cluster
 *                               (an account, a Secret, a rate limit without Retry-After) is looked at again
 * @param leaderElectionIdentity this replica's name in the Lease (the pod name)
 * @param httpPort               port of /healthz, /readyz and /metrics; 0 = off
 */
public record OperatorConfig(Optional<String> defaultApiKey, URI baseUrl, Set<String> watchNamespaces,
                             Duration resyncPeriod, Map<String, String> defaultToolkitVersions, int concurrency,
                             double rateLimit, Duration requestTimeout, Duration typeCacheTtl, Duration recheckPeriod,
                             DeletionPolicy defaultDeletionPolicy, boolean leaderElection,
                             String leaderElectionNamespace, String leaderElectionLeaseName,
                             String leaderElectionIdentity, LogFormat logFormat,
                             int httpPort) {

    @Override
    public String toString() {
        // The API key stays out of logs: only whether there is one.
        return "OperatorConfig[defaultApiKey=" + (defaultApiKey.isPresent() ? "(set)" : "(none)")
            + ", baseUrl=" + baseUrl + ", watchNamespaces=" + (watchNamespaces.isEmpty() ? "(all)" : watchNamespaces)
            + ", resyncPeriod=" + resyncPeriod + ", defaultToolkitVersions=" + defaultToolkitVersions
            + ", concurrency=" + concurrency + ", rateLimit=" + rateLimit + "/s, requestTimeout=" + requestTimeout
            + ", typeCacheTtl=" + typeCacheTtl + ", recheckPeriod=" + recheckPeriod
            + ", defaultDeletionPolicy=" + defaultDeletionPolicy + ", leaderElection=" + leaderElection
            + ", logFormat=" + logFormat + ", httpPort=" + httpPort + "]";
    }

    /** The toolkit version a Trigger without spec.toolkitVersion uses. */
    public String toolkitVersionFor(String toolkit) {
        return defaultToolkitVersions.getOrDefault(toolkit, "latest");
    }
}
