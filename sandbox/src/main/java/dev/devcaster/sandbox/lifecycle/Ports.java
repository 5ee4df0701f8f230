package dev.devcaster.sandbox.lifecycle;

import dev.devcaster.sandbox.output.SandboxException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks a port before anything starts, so "port taken" names the port and the flag to change it. */
public final class Ports {

    private Ports() {
    }

    /**
     * @param loopbackOnly the service binds 127.0.0.1 only (everything the sandbox starts); else all interfaces
     */
    public static void requireFree(int port, boolean loopbackOnly, String what, String flag) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(loopbackOnly ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port)
                : new InetSocketAddress(port));
        } catch (IOException e) {
            throw taken(port, what, flag);
        }
    }

    /** A port free on 127.0.0.1 right now, for a process that listens there next. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    public static SandboxException taken(int port, String what, String flag) {
        return new SandboxException("port " + port + " for " + what + " is already in use",
            "pass " + flag + " <another port> (e.g. " + flag + " " + (port + 100) + "), or stop what listens there"
                + " (ss -ltnp 'sport = :" + port + "' shows it); an earlier sandbox? see its terminal or the pid in"
                + " the state dir");
    }
}
