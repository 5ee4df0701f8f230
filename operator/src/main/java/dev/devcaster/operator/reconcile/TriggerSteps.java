package dev.devcaster.operator.reconcile;

import dev.devcaster.operator.account.AccountResolver;
import dev.devcaster.operator.client.RateBudget;
import dev.devcaster.operator.credentials.CredentialsResolver;
import dev.devcaster.operator.credentials.KeyVault;
import dev.devcaster.operator.kubernetes.KubernetesGateway;
import dev.devcaster.operator.kubernetes.Leadership;
import dev.devcaster.operator.kubernetes.Requeue;
import dev.devcaster.operator.ownership.TriggerOwnership;
import dev.devcaster.operator.remote.RemoteInventory;
import dev.devcaster.operator.remote.RemoteTriggerSync;
import dev.devcaster.operator.status.ReasonGauge;
import dev.devcaster.operator.status.TriggerReport;
import dev.devcaster.operator.triggertype.TypeCheck;
import io.micrometer.core.instrument.MeterRegistry;

/** The collaborators a reconcile is made of, one per step, as the composition root builds them. */
public record TriggerSteps(CredentialsResolver credentials, KeyVault vault, TypeCheck types, AccountResolver accounts,
                           TriggerOwnership ownership, RemoteTriggerSync remote, RemoteInventory inventory,
                           TriggerReport report, ReasonGauge gauge, KubernetesGateway kubernetes, Requeue requeue,
                           Leadership leadership, RateBudget budget, MeterRegistry registry) {
}
