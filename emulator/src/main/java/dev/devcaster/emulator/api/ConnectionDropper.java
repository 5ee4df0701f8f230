package dev.devcaster.emulator.api;

import io.javalin.http.Context;
import org.eclipse.jetty.server.Request;

/**
 * Loses the connection the way a crashed proxy does: the TCP connection is closed and no byte of
 * an HTTP response is written, so clients see an I/O error rather than a status.
 */
final class ConnectionDropper {

    private ConnectionDropper() {
    }

    static void drop(Context ctx) {
        Request.getBaseRequest(ctx.req()).getHttpChannel().getEndPoint().close();
    }
}
