package dev.devcaster.plugin.devcaster;

import dev.devcaster.operator.account.AccountResolver;
import dev.devcaster.operator.client.DevcasterClient;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.TriggerInstance;
import dev.devcaster.operator.client.TriggerInstanceQuery;
import dev.devcaster.operator.client.TriggerType;
import dev.devcaster.operator.triggertype.ConfigValidator;
import dev.devcaster.operator.triggertype.TriggerTypeCache;
import dev.devcaster.operator.triggertype.TypeCheck;

import java.time.Duration;
import java.util.List;

/**
 * One project of Devcaster, seen through the operator's own parts: its HTTP client, its trigger-type
 * cache and JSON-Schema validation, and its account rule. The plugin decides nothing those parts
 * decide for the operator, so what it says about a manifest is what the operator will do with it.
 */
public final class DevcasterSession {

    /** v3 serves up to 1000 items a page: a project of 50,000 instances is 50 calls. */
    private static final int PAGE = 1000;
    /** Lives as long as one command: everything a command reads is read once. */
    private static final Duration COMMAND = Duration.ofHours(1);

    private final DevcasterClient client;
    private final DevcasterCredentials credentials;
    private final TriggerTypeCache types;
    private final ConfigValidator validator = new ConfigValidator();
    private final AccountResolver accounts;
    private final TypeCheck typeCheck;

    DevcasterSession(DevcasterClient client, DevcasterCredentials credentials) {
        this.client = client;
        this.credentials = credentials;
        this.types = new TriggerTypeCache(client.triggerTypes(), COMMAND);
        this.accounts = new AccountResolver(client.connectedAccounts(), COMMAND);
        this.typeCheck = new TypeCheck(types, validator, toolkit -> "latest");
    }

    public DevcasterCredentials credentials() {
        return credentials;
    }

    /** The project, as the operator records it in {@code status.project}: a fingerprint of the key. */
    public String project() {
        return credentials.fingerprint();
    }

    public DevcasterClient client() {
        return client;
    }

    /**
     * The trigger type at a toolkit version ({@code latest} or dated), cached for the command.
     *
     * @throws dev.devcaster.operator.status.TriggerProblem UnknownTriggerType
     */
    public TriggerType type(String slug, String toolkitVersion) {
        return types.get(credentials, slug, toolkitVersion);
    }

    /**
     * The operator's validation step (type at the Trigger's toolkit version, config against its schema,
     * defaults applied). An unset toolkit version is {@code latest} here: the plugin does not know the
     * operator's {@code DEFAULT_TOOLKIT_VERSIONS}.
     */
    public TypeCheck typeCheck() {
        return typeCheck;
    }

    public ConfigValidator validator() {
        return validator;
    }

    /** The operator's account rule (the user's newest ACTIVE account of the toolkit). */
    public AccountResolver accounts() {
        return accounts;
    }

    /** Every instance the query matches, all pages. */
    public List<TriggerInstance> instances(TriggerInstanceQuery query) {
        return client.triggerInstances().listAll(credentials, query.withLimit(PAGE));
    }
}
