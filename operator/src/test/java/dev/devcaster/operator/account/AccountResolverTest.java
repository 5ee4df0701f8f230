package dev.devcaster.operator.account;

import dev.devcaster.operator.client.ApiError;
import dev.devcaster.operator.client.ConnectedAccount;
import dev.devcaster.operator.client.ConnectedAccountQuery;
import dev.devcaster.operator.client.ConnectedAccountStatus;
import dev.devcaster.operator.client.ConnectedAccountsApi;
import dev.devcaster.operator.client.DevcasterCredentials;
import dev.devcaster.operator.client.NotFoundException;
import dev.devcaster.operator.client.ToolkitRef;
import dev.devcaster.operator.status.ReadyReason;
import dev.devcaster.operator.status.TriggerProblem;
import dev.devcaster.operator.trigger.Trigger;
import dev.devcaster.operator.trigger.TriggerStatus;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.devcaster.operator.trigger.TriggerFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class AccountResolverTest {

    private static final DevcasterCredentials KEY = new DevcasterCredentials(URI.create("http://devcaster"), "dk_test");

    private final ConnectedAccountsApi api = mock(ConnectedAccountsApi.class);
    private final AccountResolver resolver = new AccountResolver(api, Duration.ofMinutes(1));

    static ConnectedAccount account(String id, String user, String toolkit, ConnectedAccountStatus status, int minutesAgo) {
        Instant created = Instant.parse("2026-01-01T12:00:00Z").minusSeconds(60L * minutesAgo);
        return new ConnectedAccount(id, new ToolkitRef(toolkit, null, null), null, user, status, null, false, created,
            created);
    }

    static Trigger forUser(String user, String previousAccount) {
        Trigger t = trigger("t", "GITHUB_COMMIT_EVENT", user);
        t.getMetadata().setUid("uid-" + user);
        if (previousAccount != null) {
            t.setStatus(new TriggerStatus());
            t.getStatus().setConnectedAccountId(previousAccount);
        }
        return t;
    }

    void activeAccountsOfAlice(ConnectedAccount... accounts) {
        when(api.listAll(eq(KEY), any(ConnectedAccountQuery.class))).thenReturn(List.of(accounts));
    }

    @Test
    void picksTheNewestActiveAccountOfTheUserAndToolkit() {
        activeAccountsOfAlice(account("ca_old", "alice", "github", ConnectedAccountStatus.ACTIVE, 60),
            account("ca_new", "alice", "github", ConnectedAccountStatus.ACTIVE, 5),
            account("ca_other_user", "bob", "github", ConnectedAccountStatus.ACTIVE, 1));

        AccountResolver.Resolution r = resolver.resolve(KEY, forUser("alice", null), "github");

        assertThat(r.account().id()).isEqualTo("ca_new");
        assertThat(r.movedFrom()).isEmpty();
    }

    @Test
    void keepsTheAccountInUseWhileItStaysActiveEvenWhenANewerOneExists() {
        when(api.get(KEY, "ca_old")).thenReturn(account("ca_old", "alice", "github", ConnectedAccountStatus.ACTIVE, 60));
        activeAccountsOfAlice(account("ca_new", "alice", "github", ConnectedAccountStatus.ACTIVE, 5));

        AccountResolver.Resolution r = resolver.resolve(KEY, forUser("alice", "ca_old"), "github");

        assertThat(r.account().id()).isEqualTo("ca_old");
    }

    @Test
    void movesToTheNewestActiveAccountWhenTheOneInUseExpiresAndSaysWhy() {
        when(api.get(KEY, "ca_old")).thenReturn(account("ca_old", "alice", "github", ConnectedAccountStatus.EXPIRED, 60));
        activeAccountsOfAlice(account("ca_new", "alice", "github", ConnectedAccountStatus.ACTIVE, 5));

        AccountResolver.Resolution r = resolver.resolve(KEY, forUser("alice", "ca_old"), "github");

        assertThat(r.account().id()).isEqualTo("ca_new");
        assertThat(r.movedFrom()).hasValue("ca_old (EXPIRED)");
    }

    @Test
    void userWithoutActiveAccountIsNotFoundAndNamesUserAndToolkit() {
        activeAccountsOfAlice();

        assertThatThrownBy(() -> resolver.resolve(KEY, forUser("alice", null), "github"))
            .isInstanceOfSatisfying(TriggerProblem.class, p -> {
                assertThat(p.reason()).isEqualTo(ReadyReason.ConnectedAccountNotFound);
                assertThat(p.getMessage()).contains("alice").contains("github");
            });
    }

    @Test
    void expiredAccountInUseWithoutReplacementIsNotActive() {
        when(api.get(KEY, "ca_old")).thenReturn(account("ca_old", "alice", "github", ConnectedAccountStatus.REVOKED, 60));
        activeAccountsOfAlice();

        assertThatThrownBy(() -> resolver.resolve(KEY, forUser("alice", "ca_old"), "github"))
            .isInstanceOfSatisfying(TriggerProblem.class,
                p -> assertThat(p.reason()).isEqualTo(ReadyReason.ConnectedAccountNotActive));
    }

    @Test
    void pinnedAccountMustExistBeActiveAndBelongToTheToolkit() {
        Trigger pinned = trigger("p", "GITHUB_COMMIT_EVENT", null);
        pinned.getSpec().setConnectedAccountId("ca_pinned");

        when(api.get(KEY, "ca_pinned")).thenThrow(new NotFoundException(new ApiError("GET /connected_accounts/{id}", 404, "not found", null, null, null, null)));
        assertThatThrownBy(() -> new AccountResolver(api, Duration.ofMinutes(1)).resolve(KEY, pinned, "github"))
            .isInstanceOfSatisfying(TriggerProblem.class,
                p -> assertThat(p.reason()).isEqualTo(ReadyReason.ConnectedAccountNotFound));

        doReturn(account("ca_pinned", "alice", "slack", ConnectedAccountStatus.ACTIVE, 1)).when(api).get(KEY, "ca_pinned");
        assertThatThrownBy(() -> new AccountResolver(api, Duration.ofMinutes(1)).resolve(KEY, pinned, "github"))
            .isInstanceOfSatisfying(TriggerProblem.class, p -> {
                assertThat(p.reason()).isEqualTo(ReadyReason.ConnectedAccountNotFound);
                assertThat(p.getMessage()).contains("slack").contains("github");
            });

        doReturn(account("ca_pinned", "alice", "github", ConnectedAccountStatus.EXPIRED, 1)).when(api).get(KEY, "ca_pinned");
        assertThatThrownBy(() -> new AccountResolver(api, Duration.ofMinutes(1)).resolve(KEY, pinned, "github"))
            .isInstanceOfSatisfying(TriggerProblem.class,
                p -> assertThat(p.reason()).isEqualTo(ReadyReason.ConnectedAccountNotActive));
    }

    @Test
    void triggersOfOneUserShareOneLookUp() {
        activeAccountsOfAlice(account("ca_new", "alice", "github", ConnectedAccountStatus.ACTIVE, 5));

        resolver.resolve(KEY, forUser("alice", null), "github");
        resolver.resolve(KEY, forUser("alice", null), "github");

        verify(api, times(1)).listAll(eq(KEY), any(ConnectedAccountQuery.class));
    }
}
