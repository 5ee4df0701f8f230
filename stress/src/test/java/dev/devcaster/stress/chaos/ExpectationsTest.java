package dev.devcaster.stress.chaos;

import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What each Trigger deserves: the rules the chaos program holds the operator to. */
class ExpectationsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final Map<String, Trigger> live = new LinkedHashMap<>();
    private final Map<String, Instant> firstSynced = new LinkedHashMap<>();
    private final Map<String, TriggerModel> models = new LinkedHashMap<>();
    private final List<ConnectedAccount> accounts = new java.util.ArrayList<>(List.of(
        account("ca_old", "alice", "github", AccountStatus.ACTIVE, T0.minusSeconds(7200)),
        account("ca_new", "alice", "github", AccountStatus.ACTIVE, T0.minusSeconds(3600)),
        account("ca_bob", "bob", "github", AccountStatus.EXPIRED, T0.minusSeconds(3600))));

    @Test
    void userTriggerRunsOnTheNewestActiveAccount() {
        add(model("chaos-0", "t-1", "alice"), 0);
        assertThat(expect().get("chaos-0/t-1").expect()).isEqualTo(Expectations.Expect.SYNCED);
        assertThat(expect().get("chaos-0/t-1").account()).isEqualTo("ca_new");

        accounts.set(1, account("ca_new", "alice", "github", AccountStatus.EXPIRED, T0.minusSeconds(3600)));
        assertThat(expect().get("chaos-0/t-1").account()).isEqualTo("ca_old");
    }

    @Test
    void noActiveAccountOrAnExpiredPinnedOneDeservesAnAccountReason() {
        add(model("chaos-0", "t-1", "bob"), 0);
        TriggerModel pinned = model("chaos-0", "t-2", "alice");
        pinned.pinnedAccount = "ca_bob";
        add(pinned, 1);
        assertThat(expect().get("chaos-0/t-1").expect()).isEqualTo(Expectations.Expect.ACCOUNT_UNUSABLE);
        assertThat(expect().get("chaos-0/t-2").expect()).isEqualTo(Expectations.Expect.ACCOUNT_UNUSABLE);
        assertThat(Expectations.Expect.ACCOUNT_UNUSABLE.reasons)
            .containsExactlyInAnyOrder("ConnectedAccountNotFound", "ConnectedAccountNotActive");
    }

    @Test
    void withoutAHolderTheOlderTwinOwnsTheInstanceTheYoungerGetsConflictUntilTheOwnerGoes() {
        TriggerModel owner = model("chaos-0", "t-1", "alice");
        add(owner, 0);
        add(owner.copyAsTwin("t-1-twin"), 5);
        assertThat(expect().get("chaos-0/t-1").expect()).isEqualTo(Expectations.Expect.SYNCED);
        assertThat(expect().get("chaos-0/t-1-twin").expect()).isEqualTo(Expectations.Expect.CONFLICT);

        owner.deletedAt = T0;
        assertThat(expect()).doesNotContainKey("chaos-0/t-1");
        assertThat(expect().get("chaos-0/t-1-twin").expect()).isEqualTo(Expectations.Expect.SYNCED);
    }

    @Test
    void theYoungerTwinKeepsTheInstanceItHeldBeforeTheOlderOneEverDid() {
        TriggerModel older = model("chaos-0", "t-1", "alice");
        add(older, 0);
        add(older.copyAsTwin("t-1-twin"), 5);
        Trigger twin = live.get("chaos-0/t-1-twin");
        twin.setStatus(new TriggerStatus());
        twin.getStatus().setTriggerId("ti_1");
        firstSynced.put(twin.getMetadata().getUid() + "|ti_1", T0.plusSeconds(6));

        assertThat(expect().get("chaos-0/t-1-twin").expect()).isEqualTo(Expectations.Expect.SYNCED);
        assertThat(expect().get("chaos-0/t-1").expect()).isEqualTo(Expectations.Expect.CONFLICT);

        Trigger first = live.get("chaos-0/t-1");
        firstSynced.put(first.getMetadata().getUid() + "|ti_1", T0.plusSeconds(1));
        assertThat(expect().get("chaos-0/t-1").expect()).as("the older held it first").isEqualTo(Expectations.Expect.SYNCED);
        assertThat(expect().get("chaos-0/t-1-twin").expect()).isEqualTo(Expectations.Expect.CONFLICT);
    }

    @Test
    void differentConfigsAreTwinsOnlyWhenDevcasterMatchesOnSlugAndAccount() {
        add(model("chaos-0", "t-1", "alice"), 0);
        add(model("chaos-0", "t-2", "alice"), 1);
        assertThat(Expectations.of(observation(), scenario(), false, this::firstSynced).get("chaos-0/t-2").expect())
            .isEqualTo(Expectations.Expect.SYNCED);
        assertThat(Expectations.of(observation(), scenario(), true, this::firstSynced).get("chaos-0/t-2").expect())
            .isEqualTo(Expectations.Expect.CONFLICT);
    }

    @Test
    void theDefaultKeyWhereItIsNotAllowedDeservesCredentialsNotFound() {
        TriggerModel denied = new TriggerModel("chaos-2", "denied-00", TriggerModel.Role.DENIED_DEFAULT, "denied-00", null);
        denied.key = TriggerModel.Key.DEFAULT;
        denied.slug = "GITHUB_STAR_ADDED_EVENT";
        denied.userId = "alice";
        add(denied, 0);
        assertThat(expect().get("chaos-2/denied-00").expect()).isEqualTo(Expectations.Expect.CREDENTIALS_NOT_FOUND);
    }

    @Test
    void configsCarryATagThatNamesTheirTrigger() {
        TriggerModel m = model("chaos-1", "t-0042", "alice");
        m.configVersion = 3;
        @SuppressWarnings("unchecked")
        Map<String, Object> remote = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(m.config(), Map.class);
        assertThat(TriggerModel.Tag.of(remote)).contains(new TriggerModel.Tag("chaos-1", "t-0042", 3));

        m.slug = "GMAIL_NEW_GMAIL_MESSAGE";
        @SuppressWarnings("unchecked")
        Map<String, Object> gmail = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(m.config(), Map.class);
        gmail.put("interval", 1.0);
        assertThat(TriggerModel.Tag.of(gmail)).contains(new TriggerModel.Tag("chaos-1", "t-0042", 3));
        assertThat(Invariants.sameConfig(m.config(), gmail)).as("1 and 1.0 are the same number").isTrue();
        gmail.put("query", "other");
        assertThat(Invariants.sameConfig(m.config(), gmail)).isFalse();
    }

    private Map<String, Expectations.Expectation> expect() {
        return Expectations.of(observation(), scenario(), false, this::firstSynced);
    }

    private Optional<Instant> firstSynced(Trigger t, String triggerId) {
        return Optional.ofNullable(firstSynced.get(t.getMetadata().getUid() + "|" + triggerId));
    }

    private void add(TriggerModel m, int secondsAfterT0) {
        m.createdAt = T0.plusSeconds(secondsAfterT0);
        models.put(m.id(), m);
        Trigger t = m.toResource();
        t.setMetadata(new ObjectMetaBuilder(t.getMetadata()).withCreationTimestamp(m.createdAt.toString())
            .withGeneration(1L).withUid("uid-" + m.id()).build());
        live.put(m.id(), t);
    }

    private static TriggerModel model(String ns, String name, String user) {
        TriggerModel m = new TriggerModel(ns, name, TriggerModel.Role.NORMAL, name, null);
        m.key = TriggerModel.Key.SECRET;
        m.slug = "GITHUB_COMMIT_EVENT";
        m.userId = user;
        return m;
    }

    private Observation observation() {
        Map<TriggerModel.Key, List<dev.devcaster.emulator.model.TriggerInstance>> instances = new EnumMap<>(TriggerModel.Key.class);
        Map<TriggerModel.Key, List<ConnectedAccount>> byKey = new EnumMap<>(TriggerModel.Key.class);
        for (TriggerModel.Key k : TriggerModel.Key.values()) {
            instances.put(k, List.of());
            byKey.put(k, List.copyOf(accounts));
        }
        return new Observation(T0, live, Map.of(), instances, byKey, List.of());
    }

    private Scenario scenario() {
        return new Scenario(List.of(), List.of(), List.of(), models);
    }

    private static ConnectedAccount account(String id, String user, String toolkit, AccountStatus status, Instant created) {
        return new ConnectedAccount(id, user, toolkit, "ac_" + toolkit, status, null, created, created);
    }
}
