package dev.devcaster.emulator.api;

import dev.devcaster.emulator.catalog.Catalog;
import dev.devcaster.emulator.catalog.ToolkitVersions;
import dev.devcaster.emulator.catalog.TriggerType;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/** GET triggers_types: one type, the list and the slug enum. */
final class TriggerTypeEndpoints {

    private final Supplier<Catalog> catalog;
    private final Representations views;

    TriggerTypeEndpoints(Supplier<Catalog> catalog, Representations views) {
        this.catalog = catalog;
        this.views = views;
    }

    void get(ApiRequest request) {
        String slug = request.ctx().pathParam("slug").toUpperCase(Locale.ROOT);
        request.ctx().json(views.triggerType(find(catalog.get(), slug, QueryValues.toolkitVersions(request.ctx()))));
    }

    void list(ApiRequest request) {
        Set<String> toolkits = QueryValues.lowerCaseArray(request.ctx(), "toolkit_slugs");
        request.ctx().json(Pagination.page(request,
                catalog.get().list(toolkits, QueryValues.toolkitVersions(request.ctx())), views::triggerType, false));
    }

    void listEnum(ApiRequest request) {
        request.ctx().json(catalog.get().latestSlugs());
    }

    /** The type at the requested version; 404 for an unknown slug and for a slug the version lacks. */
    static TriggerType find(Catalog catalog, String slug, ToolkitVersions versions) {
        return catalog.find(slug, versions).orElseThrow(() -> ApiException.notFound("TriggerType_NotFound",
                catalog.toolkitOf(slug)
                        .map(toolkit -> "Trigger type " + slug + " not found in toolkit " + toolkit
                                + " version " + versions.requested(toolkit))
                        .orElse("Trigger type " + slug + " not found")));
    }
}
