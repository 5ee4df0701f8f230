package dev.devcaster.operator.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A forward HTTP proxy for tests, on loopback: {@code CONNECT host:port} tunnels (HTTPS) and
 * absolute-form requests ({@code GET http://host:port/...}, plain HTTP). Whatever host a client
 * names, it connects to that port on 127.0.0.1, so names such as {@code devcaster.invalid} are
 * reachable through the proxy only. Records the {@code host:port} of every request.
 */
final class TinyProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    TinyProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "tiny-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** {@code host:port} of every request or tunnel, in order. */
    List<String> targets() {
        return List.copyOf(targets);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "tiny-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String requestLine = line(in);
            String[] parts = requestLine.split(" ");
            if (parts.length < 3) {
                return;
            }
            if ("CONNECT".equals(parts[0])) {
                while (!line(in).isEmpty()) {
                    // headers of the CONNECT request
                }
                String hostPort = parts[1];
                targets.add(hostPort);
                try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port(hostPort))) {
                    client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    pipe(client, upstream, new byte[0]);
                }
            } else {
                URI target = URI.create(parts[1]);
                targets.add(target.getHost() + ":" + target.getPort());
                // Origin servers must accept the absolute form too (RFC 9112, 3.2.2): forward as is.
                try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target.getPort())) {
                    pipe(client, upstream, (requestLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        } catch (IOException e) {
            // the client or the upstream went away
        }
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    /** Copies both ways until either side closes. */
    private static void pipe(Socket client, Socket upstream, byte[] prefix) throws IOException {
        OutputStream toUpstream = upstream.getOutputStream();
        toUpstream.write(prefix);
        Thread back = new Thread(() -> copy(upstream, client), "tiny-proxy-back");
        back.setDaemon(true);
        back.start();
        copy(client, upstream);
        try {
            back.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                buf.write(b);
            }
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }
}
