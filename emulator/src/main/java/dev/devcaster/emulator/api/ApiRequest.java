package dev.devcaster.emulator.api;

import dev.devcaster.emulator.store.Project;
import io.javalin.http.Context;

/** An authenticated request to the public API: the project is the API key's. */
public record ApiRequest(Context ctx, Project project, ApiVersion version) {

    /** The path parameter of the manage routes ({@code /trigger_instances/manage/{triggerId}}). */
    static final String TRIGGER_ID_PARAM = "triggerId";
    static final String TRIGGER_ID_ATTRIBUTE = "devcaster.triggerId";

    /** Names the trigger instance the request concerned, for the request log. */
    void concernsTrigger(String triggerId) {
        ctx.attribute(TRIGGER_ID_ATTRIBUTE, triggerId);
    }
}
