package dev.devcaster.emulator.api;

import dev.devcaster.emulator.store.Project;
import io.javalin.http.Context;

/** An authenticated request to the public API: the project is the API key's. */
public record ApiRequest(Context ctx, Project project, ApiVersion version) {
}
