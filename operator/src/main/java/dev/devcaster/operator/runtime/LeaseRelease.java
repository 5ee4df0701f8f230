package dev.devcaster.operator.runtime;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZonedDateTime;

/**
 * Hands the leader Lease back on a graceful shutdown, so a stand-by takes over within its retry
 * period instead of waiting out the lease duration. The framework stops leading without
 * releasing it.
 */
public final class LeaseRelease {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseRelease.class);

    private LeaseRelease() {
    }

    public static void release(KubernetesClient client, String namespace, String name, String identity) {
        try {
            Lease lease = client.leases().inNamespace(namespace).withName(name).get();
            if (lease == null || lease.getSpec() == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            lease.getSpec().setHolderIdentity("");
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setRenewTime(ZonedDateTime.now().minusSeconds(5));
            client.leases().inNamespace(namespace).resource(lease).update();
            LOG.info("released leader lease {}/{}", namespace, name);
        } catch (KubernetesClientException e) {
            LOG.warn("could not release leader lease {}/{}: {}", namespace, name, e.getMessage());
        }
    }
}
