package dev.devcaster.emulator.api;

import dev.devcaster.emulator.model.AccountQuery;
import dev.devcaster.emulator.model.AccountStatus;
import dev.devcaster.emulator.model.ConnectedAccount;
import dev.devcaster.emulator.store.Project;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** GET connected_accounts: the filtered, ordered list and one account. */
final class ConnectedAccountEndpoints {

    private final Representations views;

    ConnectedAccountEndpoints(Representations views) {
        this.views = views;
    }

    void list(ApiRequest request) {
        Context ctx = request.ctx();
        Project project = request.project();
        String orderBy = ctx.queryParamAsClass("order_by", String.class).getOrDefault("created_at");
        String direction = ctx.queryParamAsClass("order_direction", String.class).getOrDefault("desc");
        if (!Set.of("created_at", "updated_at").contains(orderBy) || !Set.of("asc", "desc").contains(direction)) {
            throw ApiException.badRequest("Request_InvalidParameter",
                    "order_by must be created_at|updated_at and order_direction asc|desc", null);
        }
        AccountQuery query = new AccountQuery(QueryValues.array(ctx, "user_ids"),
                QueryValues.lowerCaseArray(ctx, "toolkit_slugs"),
                statuses(ctx), QueryValues.array(ctx, "auth_config_ids"), QueryValues.array(ctx, "connected_account_ids"),
                orderBy.equals("updated_at"), direction.equals("asc"));
        ctx.json(Pagination.page(request, project.findAccounts(query), a -> view(project, a), false));
    }

    void get(ApiRequest request) {
        String id = request.ctx().pathParam("id");
        ConnectedAccount account = request.project().connectedAccount(id).orElseThrow(() ->
                ApiException.notFound("ConnectedAccount_NotFound", "Connected account " + id + " not found"));
        request.ctx().json(view(request.project(), account));
    }

    private Object view(Project project, ConnectedAccount account) {
        return views.connectedAccount(account, project.authConfig(account.authConfigId()).orElse(null));
    }

    private static Set<AccountStatus> statuses(Context ctx) {
        try {
            return QueryValues.array(ctx, "statuses").stream()
                    .map(s -> AccountStatus.valueOf(s.toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Request_InvalidParameter", "Unknown status in statuses", null);
        }
    }
}
