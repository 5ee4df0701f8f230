package dev.devcaster.stress.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.operator.trigger.Trigger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What each live Trigger deserves at the end, from what was declared (the model), the accounts as
 * they are now and the documented rules: the user's newest ACTIVE account of the type's toolkit
 * (or the pinned account, if ACTIVE); of Triggers that map to one remote instance (same project,
 * slug, account and config) the one that held it first keeps it, else the oldest (creationTimestamp,
 * then namespace/name), and the others get Conflict; the default key serves only
 * DEFAULT_API_KEY_NAMESPACES.
 */
final class Expectations {

    enum Expect {
        SYNCED(Set.of("Synced")),
        CONFLICT(Set.of("Conflict")),
        ACCOUNT_UNUSABLE(Set.of("ConnectedAccountNotFound", "ConnectedAccountNotActive")),
        CREDENTIALS_NOT_FOUND(Set.of("CredentialsNotFound")),
        INVALID_CONFIG(Set.of("InvalidConfig"));

        final Set<String> reasons;

        Expect(Set<String> reasons) {
            this.reasons = reasons;
        }
    }

    /**
     * @param account the account the remote instance must be on (SYNCED, CONFLICT), else null
     * @param why     for people reading a failure
     */
    record Expectation(TriggerModel model, Trigger live, Expect expect, String account, String why) {
    }

    /** A Trigger that maps to a remote instance, with its twins grouped by identity. */
    private record Candidate(TriggerModel model, Trigger live, String account, String identity) {
    }

    private static final ObjectMapper SORTED = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Expectations() {
    }

    /**
     * @param slugAndAccount whether Devcaster matches upserts on slug and account only (then one remote instance
     *                       serves every Trigger of a project with that slug and account, whatever the config)
     */
    /** When a Trigger was first seen Synced on a remote trigger id, if ever. */
    interface Holdings {
        Optional<Instant> firstSynced(Trigger trigger, String triggerId);
    }

    static Map<String, Expectation> of(Observation o, Scenario scenario, boolean slugAndAccount, Holdings holdings) {
        Map<String, Expectation> result = new TreeMap<>();
        Map<String, List<Candidate>> groups = new LinkedHashMap<>();
        for (TriggerModel m : scenario.triggers.values()) {
            if (!m.live()) {
                continue;
            }
            Trigger live = o.triggers().get(m.id());
            if (m.role == TriggerModel.Role.DENIED_DEFAULT) {
                result.put(m.id(), new Expectation(m, live, Expect.CREDENTIALS_NOT_FOUND, null,
                    "no credentialsSecretRef and the default key does not serve " + m.namespace));
                continue;
            }
            if (m.invalidConfig()) {
                result.put(m.id(), new Expectation(m, live, Expect.INVALID_CONFIG, null, "config lacks repo"));
                continue;
            }
            List<ConnectedAccount> accounts = o.accounts().get(m.key);
            Optional<ConnectedAccount> account;
            String missing;
            if (m.pinnedAccount != null) {
                account = accounts.stream().filter(a -> a.id().equals(m.pinnedAccount)
                    && a.status() == AccountStatus.ACTIVE && a.toolkitSlug().equals(m.toolkit())).findFirst();
                missing = "pinned account " + m.pinnedAccount + " is "
                    + accounts.stream().filter(a -> a.id().equals(m.pinnedAccount)).findFirst()
                        .map(a -> a.status().name()).orElse("unknown in that project");
            } else {
                account = accounts.stream().filter(a -> a.userId().equals(m.userId)
                        && a.toolkitSlug().equals(m.toolkit()) && a.status() == AccountStatus.ACTIVE)
                    .max(Comparator.comparing(ConnectedAccount::createdAt));
                missing = m.userId + " has no ACTIVE " + m.toolkit() + " account in the " + m.key + " project";
            }
            if (account.isEmpty()) {
                result.put(m.id(), new Expectation(m, live, Expect.ACCOUNT_UNUSABLE, null, missing));
                continue;
            }
            String identity = m.key + "|" + m.slug.toUpperCase() + "|" + account.get().id()
                + (slugAndAccount ? "" : "|" + canonical(m.config()));
            groups.computeIfAbsent(identity, k -> new ArrayList<>())
                .add(new Candidate(m, live, account.get().id(), identity));
        }
        for (List<Candidate> group : groups.values()) {
            group.sort(Comparator.comparing((Candidate c) -> created(c.live(), c.model()))
                .thenComparing(c -> c.model().id()));
            Candidate oldest = group.get(0);
            Candidate owner = group.stream().filter(c -> c != oldest && heldBefore(c, oldest, holdings)).findFirst()
                .orElse(oldest);
            result.put(owner.model().id(), new Expectation(owner.model(), owner.live(), Expect.SYNCED, owner.account(),
                "on " + owner.account() + (owner == oldest ? "" : ", held before the older " + oldest.model().id())));
            for (Candidate other : group) {
                if (other != owner) {
                    result.put(other.model().id(), new Expectation(other.model(), other.live(), Expect.CONFLICT,
                        other.account(), (slugAndAccount ? "same slug and account" : "same slug, account and config")
                            + " as " + owner.model().id() + (owner == oldest ? ", the older" : ", which held it first")));
                }
            }
        }
        return result;
    }

    /** Whether {@code c} holds its remote trigger now and was Synced on it before the oldest twin ever was. */
    private static boolean heldBefore(Candidate c, Candidate oldest, Holdings holdings) {
        if (c.live() == null || c.live().getStatus() == null || c.live().getStatus().getTriggerId() == null) {
            return false;
        }
        String id = c.live().getStatus().getTriggerId();
        Optional<Instant> held = holdings.firstSynced(c.live(), id);
        Optional<Instant> oldestHeld = oldest.live() == null ? Optional.empty() : holdings.firstSynced(oldest.live(), id);
        return held.isPresent() && oldestHeld.map(held.get()::isBefore).orElse(true);
    }

    static String canonical(JsonNode config) {
        try {
            return SORTED.writeValueAsString(SORTED.convertValue(config, TreeMap.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant created(Trigger live, TriggerModel model) {
        if (live != null && live.getMetadata().getCreationTimestamp() != null) {
            return Instant.parse(live.getMetadata().getCreationTimestamp());
        }
        return model.createdAt == null ? Instant.MAX : model.createdAt;
    }
}
