package dev.devcaster.operator.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * The Devcaster API, one object per concern. Thread-safe; create one per process and pass
 * {@link DevcasterCredentials} per call. Every call throws a {@link DevcasterException} subtype on
 * failure and otherwise retries nothing but a dropped connection, once.
 */
public final class DevcasterClient {

    private final TriggerTypesApi triggerTypes;
    private final ConnectedAccountsApi connectedAccounts;
    private final AuthConfigsApi authConfigs;
    private final TriggerInstancesApi triggerInstances;
    private final RateBudget budget;

    /** Records call metrics in {@link Metrics#globalRegistry} (a no-op until a registry is added to it). */
    public DevcasterClient(DevcasterClientConfig config) {
        this(config, Metrics.globalRegistry);
    }

    public DevcasterClient(DevcasterClientConfig config, MeterRegistry registry) {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        HttpTransport transport = new HttpTransport(config, mapper, registry);
        this.triggerTypes = new TriggerTypesApi(transport);
        this.connectedAccounts = new ConnectedAccountsApi(transport);
        this.authConfigs = new AuthConfigsApi(transport);
        this.triggerInstances = new TriggerInstancesApi(transport);
        this.budget = transport.budget();
    }

    public TriggerTypesApi triggerTypes() {
        return triggerTypes;
    }

    public ConnectedAccountsApi connectedAccounts() {
        return connectedAccounts;
    }

    public AuthConfigsApi authConfigs() {
        return authConfigs;
    }

    public TriggerInstancesApi triggerInstances() {
        return triggerInstances;
    }

    /** Turns per API key, so callers share a key's rate without waiting on it. */
    public RateBudget budget() {
        return budget;
    }
}
