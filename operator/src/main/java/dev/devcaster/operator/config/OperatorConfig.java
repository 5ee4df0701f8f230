package dev.devcaster.operator.config;

import dev.devcaster.operator.trigger.DeletionPolicy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The operator's settings, read once at start from environment variables as {@link Settings}
 * declares them. Loading reports every invalid variable at once.
 */
public final class OperatorConfig {

    private final Map<Setting<?>, Object> values;
    private final String identity;

    private OperatorConfig(Map<Setting<?>, Object> values) {
        this.values = Map.copyOf(values);
        this.identity = get(Settings.POD_NAME).orElseGet(() -> "devcaster-operator-" + UUID.randomUUID());
    }

    /** @throws ConfigException naming every variable that is not valid */
    public static OperatorConfig from(Map<String, String> environment) {
        Map<Setting<?>, Object> values = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            try {
                values.put(setting, setting.read(environment));
            } catch (IllegalArgumentException e) {
                problems.add(setting.env() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new OperatorConfig(values);
    }

    public static OperatorConfig fromSystem() {
        return from(System.getenv());
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    public Optional<String> defaultApiKey() {
        return get(Settings.API_KEY);
    }

    /** Namespaces whose Triggers may use the default key; {@code *} means all. */
    public Set<String> defaultKeyNamespaces() {
        return get(Settings.DEFAULT_API_KEY_NAMESPACES);
    }

    public String operatorNamespace() {
        return get(Settings.OPERATOR_NAMESPACE);
    }

    public String keyVaultSecret() {
        return get(Settings.KEY_VAULT_SECRET);
    }

    public URI baseUrl() {
        return get(Settings.BASE_URL);
    }

    /** Empty means all namespaces. */
    public Set<String> watchNamespaces() {
        return get(Settings.WATCH_NAMESPACES);
    }

    /** The Triggers this instance manages, by label; everything when unset. */
    public ShardSelector shardSelector() {
        return get(Settings.SHARD_SELECTOR);
    }

    public Duration resyncPeriod() {
        return get(Settings.RESYNC_PERIOD);
    }

    /** The toolkit version a Trigger without spec.toolkitVersion uses. */
    public String toolkitVersionFor(String toolkit) {
        return get(Settings.DEFAULT_TOOLKIT_VERSIONS).getOrDefault(toolkit, "latest");
    }

    public int concurrency() {
        return get(Settings.CONCURRENCY);
    }

    /** Requests per second per API key; 0 = unlimited. */
    public double rateLimit() {
        return get(Settings.RATE_LIMIT);
    }

    public Duration requestTimeout() {
        return get(Settings.REQUEST_TIMEOUT);
    }

    public Duration typeCacheTtl() {
        return get(Settings.TYPE_CACHE_TTL);
    }

    public Duration recheckPeriod() {
        return get(Settings.RECHECK_PERIOD);
    }

    public DeletionPolicy defaultDeletionPolicy() {
        return get(Settings.DEFAULT_DELETION_POLICY);
    }

    public boolean leaderElection() {
        return get(Settings.LEADER_ELECTION);
    }

    public String leaderElectionNamespace() {
        return get(Settings.LEADER_ELECTION_NAMESPACE);
    }

    public String leaderElectionLeaseName() {
        return get(Settings.LEADER_ELECTION_LEASE_NAME);
    }

    /** This replica's name in the Lease: the pod name, else a random one. */
    public String leaderElectionIdentity() {
        return identity;
    }

    /** Port of /healthz, /readyz and /metrics; 0 = off. */
    public int httpPort() {
        return get(Settings.HTTP_PORT);
    }

    /**
     * Where /healthz, /readyz and /metrics listen. {@code 0.0.0.0} (or {@code ::}) is every
     * interface, IPv4 and IPv6 alike, as in a pod; {@code 127.0.0.1} is this machine only.
     */
    public InetSocketAddress httpAddress() {
        return bound(httpPort());
    }

    /** Port of the admission webhook (HTTPS); 0 = off. */
    public int webhookPort() {
        return get(Settings.WEBHOOK_PORT);
    }

    /** Where the admission webhook listens: the same address as /healthz, its own port. */
    public InetSocketAddress webhookAddress() {
        return bound(webhookPort());
    }

    private InetSocketAddress bound(int port) {
        String address = get(Settings.HTTP_BIND_ADDRESS);
        return "0.0.0.0".equals(address) || "::".equals(address) || "0:0:0:0:0:0:0:0".equals(address)
            ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
    }

    /** Every setting with its value; secret ones only say whether they are set. */
    @Override
    public String toString() {
        return Settings.ALL.stream().map(s -> s.env() + "=" + shown(s)).collect(Collectors.joining(", ", "{", "}"));
    }

    private String shown(Setting<?> setting) {
        Object value = values.get(setting);
        if (setting.secret()) {
            return value instanceof Optional<?> o && o.isEmpty() ? "(none)" : "(set)";
        }
        return value instanceof Optional<?> o ? o.map(Object::toString).orElse("(none)") : String.valueOf(value);
    }
}
