package dev.devcaster.operator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.devcaster.emulator.model.AccountStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectedAccountsApiIT extends EmulatorTestBase {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void getsOneAccount() {
        String id = activeAccount("user-1", "github", T0);

        ConnectedAccount account = client.connectedAccounts().get(credentials, id);

        assertThat(account.id()).isEqualTo(id);
        assertThat(account.userId()).isEqualTo("user-1");
        assertThat(account.toolkitSlug()).isEqualTo("github");
        assertThat(account.status()).isEqualTo(ConnectedAccountStatus.ACTIVE);
        assertThat(account.authConfig().id()).startsWith("ac_");
        assertThat(account.createdAt()).isEqualTo(T0);
        assertThat(account.updatedAt()).isNotNull();
        assertThat(account.disabled()).isFalse();
    }

    @Test
    void unknownAccountIsNotFound() {
        assertThatThrownBy(() -> client.connectedAccounts().get(credentials, "ca_missing"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void filtersByUserToolkitAndStatusNewestFirst() {
        String older = activeAccount("user-1", "github", T0);
        String newer = activeAccount("user-1", "github", T0.plus(1, ChronoUnit.DAYS));
        String expired = project.addConnectedAccount("user-1", "github", AccountStatus.EXPIRED,
                T0.plus(2, ChronoUnit.DAYS)).id();
        activeAccount("user-1", "slack", T0);
        activeAccount("user-2", "github", T0);

        List<ConnectedAccount> active = client.connectedAccounts().listAll(credentials, ConnectedAccountQuery.all()
                .withUserIds("user-1").withToolkitSlugs("github").withStatuses(ConnectedAccountStatus.ACTIVE));
        List<ConnectedAccount> any = client.connectedAccounts().listAll(credentials, ConnectedAccountQuery.all()
                .withUserIds("user-1").withToolkitSlugs("github")
                .withOrder(ConnectedAccountQuery.OrderBy.CREATED_AT, ConnectedAccountQuery.Direction.ASC));

        assertThat(active).extracting(ConnectedAccount::id).containsExactly(newer, older);
        assertThat(any).extracting(ConnectedAccount::id).containsExactly(older, newer, expired);
        assertThat(any.get(2).status()).isEqualTo(ConnectedAccountStatus.EXPIRED);
    }

    @Test
    void filtersByIdsAndAuthConfig() {
        String a = activeAccount("user-1", "github", T0);
        String b = activeAccount("user-2", "github", T0);
        activeAccount("user-3", "github", T0);
        String authConfigId = client.connectedAccounts().get(credentials, a).authConfig().id();

        assertThat(client.connectedAccounts().listAll(credentials, ConnectedAccountQuery.all().withConnectedAccountIds(a, b)))
                .extracting(ConnectedAccount::id).containsExactlyInAnyOrder(a, b);
        assertThat(client.connectedAccounts().listAll(credentials, ConnectedAccountQuery.all().withAuthConfigIds(authConfigId)))
                .hasSize(3);
    }

    @Test
    void walksMoreThanTwoPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(activeAccount("user-" + i, "github", T0.plusSeconds(i)));
        }
        ConnectedAccountQuery query = ConnectedAccountQuery.all().withLimit(10);

        Page<ConnectedAccount> first = client.connectedAccounts().list(credentials, query, null);
        List<ConnectedAccount> all = client.connectedAccounts().listAll(credentials, query);

        assertThat(first.items()).hasSize(10);
        assertThat(first.hasNext()).isTrue();
        assertThat(first.totalItems()).isEqualTo(25);
        assertThat(all).extracting(ConnectedAccount::id).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
        assertThat(calls("GET /api/v3/connected_accounts")).isEqualTo(1 + 3);
    }
}
