package dev.devcaster.operator.config;

import dev.devcaster.operator.trigger.DeletionPolicy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every operator setting, declared once (environment variable, Helm value, default, meaning,
 * parser). {@link OperatorConfig} reads them; the README's table and the chart are tested against
 * {@link #ALL}.
 */
public final class Settings {

    public static final Setting<Optional<String>> API_KEY = Setting.of("DEVCASTER_API_KEY",
            "devcaster.apiKey", null,
            "default project API key, for Triggers without `credentialsSecretRef`; always from a Secret",
            Parsers::apiKey)
        .secretValue();
    public static final Setting<Set<String>> DEFAULT_API_KEY_NAMESPACES = Setting.of("DEFAULT_API_KEY_NAMESPACES",
            "devcaster.defaultKeyNamespaces", "",
            "comma-separated namespaces whose Triggers may use the default key (`*` = all); others need "
                + "`credentialsSecretRef`", Parsers::namespacesOrAll)
        .shownAs("(none)");
    public static final Setting<URI> BASE_URL = Setting.of("DEVCASTER_BASE_URL", "devcaster.baseUrl",
        "https://backend.devcaster.dev", "Devcaster API base URL", Parsers::httpUrl);
    public static final Setting<Set<String>> WATCH_NAMESPACES = Setting.of("WATCH_NAMESPACES", "watchNamespaces",
            "", "comma-separated namespaces to watch; in the chart a list also switches RBAC to a Role per namespace",
            Parsers::namespaces)
        .shownAs("(all)");
    public static final Setting<ShardSelector> SHARD_SELECTOR = Setting.of("SHARD_SELECTOR", "shard.selector", "",
            "label selector of the Triggers this instance manages, e.g. `devcaster.dev/shard=b` (one shard per "
                + "release; empty = all)", ShardSelector::parse)
        .shownAs("(all)");
    public static final Setting<Duration> RESYNC_PERIOD = Setting.of("RESYNC_PERIOD", "resyncPeriod", "10m",
        "drift check period (`30s`, `10m`, `1h` or ISO-8601), jittered ±10%", Parsers::positiveDuration);
    public static final Setting<Map<String, String>> DEFAULT_TOOLKIT_VERSIONS = Setting.of("DEFAULT_TOOLKIT_VERSIONS",
            "defaultToolkitVersions", "",
            "per-toolkit default versions, e.g. `github=20250909_00,slack=latest`", Parsers::toolkitVersions)
        .shownAs("(none)");
    public static final Setting<Integer> CONCURRENCY = Setting.of("RECONCILE_CONCURRENCY", "concurrency", "32",
        "Triggers reconciled in parallel; a reconcile mostly waits on the network, so keep it at least the rate "
            + "limit times a reconcile's duration", Parsers::positiveInt);
    public static final Setting<Double> RATE_LIMIT = Setting.of("DEVCASTER_RATE_LIMIT", "rateLimit", "20",
        "requests per second per API key, shared by all Triggers of that key (`0` = off); keep it below your "
            + "Devcaster quota", Parsers::requestsPerSecond);
    public static final Setting<Duration> REQUEST_TIMEOUT = Setting.of("DEVCASTER_REQUEST_TIMEOUT", "requestTimeout",
        "10s", "timeout of each Devcaster call", Parsers::positiveDuration);
    public static final Setting<Duration> TYPE_CACHE_TTL = Setting.of("TRIGGER_TYPE_CACHE_TTL", "triggerTypeCacheTtl",
        "5m", "how long trigger types are cached (per key, slug and version)", Parsers::positiveDuration);
    public static final Setting<Duration> RECHECK_PERIOD = Setting.of("RECHECK_PERIOD", "recheckPeriod", "1m",
        "how soon a Trigger waiting on something outside (an account, a Secret, a rate limit without `Retry-After`) "
            + "is looked at again", Parsers::positiveDuration);
    public static final Setting<DeletionPolicy> DEFAULT_DELETION_POLICY = Setting.of("DEFAULT_DELETION_POLICY",
        "defaultDeletionPolicy", "Delete", "`Delete` or `Orphan`", raw -> Parsers.oneOf(DeletionPolicy.class, raw));
    public static final Setting<Boolean> LEADER_ELECTION = Setting.of("LEADER_ELECTION", "leaderElection.enabled",
            "false", "elect a leader through a Lease", Parsers::bool)
        .shownAs("`false` (chart: on when `replicaCount > 1`)");
    public static final Setting<String> OPERATOR_NAMESPACE = Setting.of("OPERATOR_NAMESPACE",
            "(release namespace)", "default", "namespace of the key vault Secret (the operator's own namespace)",
            Parsers::text)
        .orElseFrom("POD_NAMESPACE").shownAs("`$POD_NAMESPACE`");
    public static final Setting<String> KEY_VAULT_SECRET = Setting.of("KEY_VAULT_SECRET", "keyVault.secretName",
        "devcaster-operator-keys", "Secret in `OPERATOR_NAMESPACE` that keeps the API keys remote triggers were made "
            + "with, by fingerprint, so deletions work after the Trigger's Secret is gone", Parsers::text)
        .shownAs("`devcaster-operator-keys` (chart: release name + `-keys`)");
    public static final Setting<String> LEADER_ELECTION_NAMESPACE = Setting.of("LEADER_ELECTION_NAMESPACE",
            "(release namespace)", "default", "namespace of the Lease", Parsers::text)
        .orElseFrom("POD_NAMESPACE").shownAs("`$POD_NAMESPACE`");
    public static final Setting<String> LEADER_ELECTION_LEASE_NAME = Setting.of("LEADER_ELECTION_LEASE_NAME",
            "leaderElection.leaseName", "devcaster-operator", "name of the Lease", Parsers::text)
        .shownAs("`devcaster-operator` (chart: release name)");
    public static final Setting<Optional<String>> POD_NAME = Setting.of("POD_NAME", "(downward API)", null,
            "this replica's identity in the Lease", Parsers::optionalText)
        .orElseFrom("HOSTNAME").shownAs("`$HOSTNAME`");
    public static final Setting<LogFormat> LOG_FORMAT = Setting.of("LOG_FORMAT", "logFormat", "text",
        "`text` or `json` (ECS layout)", raw -> Parsers.oneOf(LogFormat.class, raw));
    public static final Setting<LogLevel> LOG_LEVEL = Setting.of("LOG_LEVEL", "logLevel", "info",
        "level of the operator's own loggers", raw -> Parsers.oneOf(LogLevel.class, raw));
    public static final Setting<Integer> HTTP_PORT = Setting.of("HTTP_PORT", "httpPort", "8080",
        "port of `/healthz`, `/readyz`, `/metrics` (`0` = off; the chart needs it for its probes)", Parsers::port);
    public static final Setting<String> HTTP_BIND_ADDRESS = Setting.of("HTTP_BIND_ADDRESS", "httpBindAddress",
        "0.0.0.0", "IP address `/healthz`, `/readyz`, `/metrics` and the webhook listen on (`127.0.0.1` = this "
            + "machine only)",
        Parsers::ipAddress);

    public static final Setting<Integer> WEBHOOK_PORT = Setting.of("WEBHOOK_PORT", "webhook.port", "0",
            "port of the validating admission webhook (HTTPS, path `/validate-trigger`), served by every replica "
                + "(`0` = off)", Parsers::port)
        .shownAs("`0` (chart: `9443` when `webhook.enabled`)");
    public static final Setting<Duration> WEBHOOK_TIMEOUT = Setting.of("WEBHOOK_TIMEOUT", "webhook.timeoutSeconds",
        "5s", "the API server's `timeoutSeconds` for the webhook: the operator answers within four fifths of it, "
            + "so a slow Devcaster meets `WEBHOOK_FAILURE_POLICY`, not the API server's timeout",
        Parsers::positiveDuration);
    public static final Setting<FailurePolicy> WEBHOOK_FAILURE_POLICY = Setting.of("WEBHOOK_FAILURE_POLICY",
        "webhook.failurePolicy", "Ignore", "a Trigger the webhook cannot validate (Devcaster unreachable, 429, "
            + "timeout) is admitted with a warning (`Ignore`) or refused (`Fail`); the chart gives the API server the "
            + "same `failurePolicy` for an unreachable webhook", raw -> Parsers.oneOf(FailurePolicy.class, raw));
    public static final Setting<String> WEBHOOK_CONFIGURATION = Setting.of("WEBHOOK_CONFIGURATION",
            "(chart: its ValidatingWebhookConfiguration)", "devcaster-operator",
            "ValidatingWebhookConfiguration whose `caBundle` the operator keeps current with its own CA",
            Parsers::text)
        .shownAs("`devcaster-operator` (chart: release namespace + `-` + release full name)");
    public static final Setting<String> WEBHOOK_CERT_SECRET = Setting.of("WEBHOOK_CERT_SECRET",
            "(chart: release name + `-webhook-tls`)", "devcaster-operator-webhook-tls",
            "Secret in `OPERATOR_NAMESPACE` with the webhook's CA and serving certificate, shared by every replica "
                + "and rotated before expiry", Parsers::text)
        .shownAs("`devcaster-operator-webhook-tls` (chart: release name + `-webhook-tls`)");
    public static final Setting<Duration> WEBHOOK_CERT_VALIDITY = Setting.of("WEBHOOK_CERT_VALIDITY",
        "webhook.certValidity", "2160h", "validity of the serving certificate the operator issues (renewed when a "
            + "third is left; its CA lasts ten times as long)", Parsers::positiveDuration);
    public static final Setting<List<String>> WEBHOOK_HOSTS = Setting.of("WEBHOOK_HOSTS",
            "(chart: the webhook Service's DNS names)", "localhost,127.0.0.1",
            "comma-separated DNS names and IP addresses the serving certificate is issued for", Parsers::hosts);
    public static final Setting<Optional<Path>> WEBHOOK_CERT_DIR = Setting.of("WEBHOOK_CERT_DIR",
        "webhook.certManager.enabled", null, "folder with `tls.crt` and `tls.key` issued by someone else (the chart "
            + "mounts cert-manager's Secret there), reloaded when they change; the operator then writes no "
            + "certificate and no `caBundle`", Parsers::folder);

    public static final Setting<Optional<URI>> PROXY = Setting.of("DEVCASTER_PROXY", "devcaster.proxy", null,
        "HTTP proxy `http://HOST:PORT` for the Devcaster calls only (HTTPS through it with CONNECT); the Kubernetes API "
            + "is reached directly", TransportParsers::proxy);
    public static final Setting<Optional<Path>> CA_BUNDLE = Setting.of("DEVCASTER_CA_BUNDLE", "devcaster.caBundle",
        null, "PEM file (or folder of `.pem`/`.crt` files) of CA certificates trusted for the Devcaster calls in "
            + "addition to the JDK's default CAs", TransportParsers::caBundle);

    /** In the order the README's configuration table lists them. */
    public static final List<Setting<?>> ALL = List.of(API_KEY, DEFAULT_API_KEY_NAMESPACES, BASE_URL, PROXY, CA_BUNDLE,
        WATCH_NAMESPACES, SHARD_SELECTOR, RESYNC_PERIOD, DEFAULT_TOOLKIT_VERSIONS, CONCURRENCY, RATE_LIMIT,
        REQUEST_TIMEOUT, TYPE_CACHE_TTL, RECHECK_PERIOD, DEFAULT_DELETION_POLICY, OPERATOR_NAMESPACE, KEY_VAULT_SECRET,
        LEADER_ELECTION, LEADER_ELECTION_NAMESPACE, LEADER_ELECTION_LEASE_NAME, POD_NAME, LOG_FORMAT, LOG_LEVEL, HTTP_PORT,
        HTTP_BIND_ADDRESS, WEBHOOK_PORT, WEBHOOK_TIMEOUT, WEBHOOK_FAILURE_POLICY, WEBHOOK_CONFIGURATION,
        WEBHOOK_CERT_SECRET, WEBHOOK_CERT_VALIDITY, WEBHOOK_HOSTS, WEBHOOK_CERT_DIR);

    private Settings() {
    }
}
