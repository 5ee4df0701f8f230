package dev.devcaster.emulator.api;

import dev.devcaster.emulator.model.AuthConfig;
import dev.devcaster.emulator.store.Project;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/** GET auth_configs: the list (disabled ones on request) and one config. */
final class AuthConfigEndpoints {

    private final Representations views;

    AuthConfigEndpoints(Representations views) {
        this.views = views;
    }

    void list(ApiRequest request) {
        Context ctx = request.ctx();
        Project project = request.project();
        Set<String> toolkits = QueryValues.lowerCaseArray(ctx, "toolkit_slug");
        boolean showDisabled = QueryValues.bool(ctx, "show_disabled");
        List<AuthConfig> configs = project.authConfigs().stream()
                .filter(c -> toolkits.isEmpty() || toolkits.contains(c.toolkitSlug()))
                .filter(c -> showDisabled || !c.disabled())
                .toList();
        ctx.json(Pagination.page(request, configs, c -> views.authConfig(c, project.connectionCount(c.id())), false));
    }

    void get(ApiRequest request) {
        String id = request.ctx().pathParam("id");
        AuthConfig config = request.project().authConfig(id).orElseThrow(() ->
                ApiException.notFound("AuthConfig_NotFound", "Auth config " + id + " not found"));
        request.ctx().json(views.authConfig(config, request.project().connectionCount(id)));
    }
}
