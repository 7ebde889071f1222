package netrec.runtime.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import netrec.runtime.Log;
import netrec.runtime.NetrecThread;
import netrec.runtime.http.BodyFraming;
import netrec.runtime.http.HttpHead;
import netrec.runtime.http.HttpStreamParser;

/**
 * The server inside the JVM that replayed connections really reach: the client's connect is redirected to this
 * loopback socket, so the client's own I/O code runs unchanged. Each accepted connection is matched to the
 * destination the client asked for by the client's local port, registered before the client sends anything.
 *
 * <p>There is one per JVM, whichever cassette is in use: a client may keep a connection open from one test to the
 * next, and each request on it is answered by the replayer in use when it arrives.
 */
final class ReplayServer {
    /** Answers one request on a replayed connection. */
    interface Responder {
        /** Answers; returns true when the connection may carry another request. */
        boolean respond(ReplayConnection connection, HttpHead request, byte[] body, OutputStream out) throws IOException;
    }

    private static ReplayServer shared;

    private final ServerSocket server;
    private volatile Responder responder;
    private final Map<Integer, ReplayConnection> byClientPort = new ConcurrentHashMap<>();
    /** The client's socket or channel of each connection redirected here. */
    private final Map<Object, ReplayConnection> byClient = Collections.synchronizedMap(new WeakHashMap<>());

    private ReplayServer() throws IOException {
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        new NetrecThread("replay-server", this::acceptLoop).start();
    }

    /** The JVM's replay server, started on first use. */
    static synchronized ReplayServer shared() throws IOException {
        if (shared == null) {
            shared = new ReplayServer();
        }
        return shared;
    }

    /** Runs {@code action} on the JVM's replay server when it has started. */
    static synchronized void ifStarted(java.util.function.Consumer<ReplayServer> action) {
        if (shared != null) {
            action.accept(shared);
        }
    }

    /**
     * Stops accepting connections, at JVM exit: a thread blocked in {@code accept} holds up the JVM's exit for a
     * third of a second.
     */
    static void closeAtExit() {
        ifStarted(server -> {
            try {
                server.server.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
        });
    }

    /** From now on requests are answered by {@code responder}; null: by none, each fails saying so. */
    void answerWith(Responder responder) {
        this.responder = responder;
    }

    /** {@code client} (a socket or channel) is being redirected here, for {@code connection}. */
    void redirecting(Object client, ReplayConnection connection) {
        byClient.put(client, connection);
    }

    /** The connection {@code client} was redirected for, or null when it was not. */
    ReplayConnection connectionOf(Object client) {
        return byClient.get(client);
    }

    void forget(Object client) {
        byClient.remove(client);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** The connection from {@code clientPort} is for {@code connection}. */
    void expect(int clientPort, ReplayConnection connection) {
        byClientPort.put(clientPort, connection);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                new NetrecThread("replay-" + socket.getPort(), () -> serve(socket)).start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    Log.internalError("accepting a replayed connection", e);
                }
            }
        }
    }

    /**
     * Serves one connection, in phases: plain HTTP, or TLS records from an identity SSLEngine; a CONNECT ends a
     * phase, and what follows it may be framed.
     */
    private void serve(Socket socket) {
        int clientPort = socket.getPort();
        try (Socket s = socket) {
            s.setTcpNoDelay(true);
            BufferedInputStream raw = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            String tunnel = null;
            boolean open = true;
            while (open) {
                raw.mark(1);
                int first = raw.read();
                raw.reset();
                if (first < 0) {
                    break;
                }
                InputStream in = raw;
                OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
                if (TlsRecordFraming.startsFramed(first)) {
                    in = TlsRecordFraming.unframed(raw, s.getOutputStream());
                    out = new BufferedOutputStream(TlsRecordFraming.framed(s.getOutputStream()), 64 * 1024);
                    startTls(clientPort, tunnel);
                }
                Requests requests = new Requests(clientPort, out);
                open = servePhase(in, requests);
                tunnel = requests.tunnel;
            }
        } catch (IOException e) {
            if (Log.debugEnabled()) {
                Log.debug("replayed connection from port " + clientPort + " ended: " + e);
            }
        } finally {
            if (Log.debugEnabled()) {
                Log.debug("replay server: connection from port " + clientPort + " closed");
            }
            byClientPort.remove(clientPort);
        }
    }

    /** Serves requests until the connection closes (false) or a CONNECT tunnel begins (true). */
    private boolean servePhase(InputStream in, Requests requests) throws IOException {
        HttpStreamParser parser = new HttpStreamParser(true, requests);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while (!requests.closeAfterResponse && (n = in.read(buffer)) > 0) {
            parser.feed(buffer, 0, n);
            if (requests.tunnel != null && parser.idle()) {
                return true;
            }
            if (parser.stopped()) {
                return false;
            }
        }
        return false;
    }

    /** TLS records arrived: the connection is TLS, to the CONNECT target when it came through a tunnel. */
    private void startTls(int clientPort, String tunnel) {
        ReplayConnection connection = byClientPort.get(clientPort);
        if (connection == null || connection.tls()) {
            return;
        }
        if (tunnel == null) {
            connection.startTls(connection.host(), connection.port());
            return;
        }
        int colon = tunnel.lastIndexOf(':');
        String host = tunnel.substring(0, colon).replace("[", "").replace("]", "");
        connection.startTls(host, Integer.parseInt(tunnel.substring(colon + 1)));
    }

    /** Collects each request of one connection and has it answered. */
    private final class Requests implements HttpStreamParser.Listener {
        private final int clientPort;
        private final OutputStream out;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private HttpHead head;
        boolean closeAfterResponse;
        /** The target of the CONNECT this phase ended with, or null. */
        String tunnel;

        Requests(int clientPort, OutputStream out) {
            this.clientPort = clientPort;
            this.out = out;
        }

        @Override
        public BodyFraming head(HttpHead requestHead) {
            head = requestHead;
            body.reset();
            return "CONNECT".equals(requestHead.method()) ? BodyFraming.NONE : BodyFraming.ofRequest(requestHead);
        }

        @Override
        public void body(byte[] bytes, int offset, int length) {
            body.write(bytes, offset, length);
        }

        @Override
        public void end(boolean complete) throws IOException {
            ReplayConnection connection = byClientPort.get(clientPort);
            if (connection == null || !complete) {
                if (Log.debugEnabled()) {
                    Log.debug("replay server: " + (connection == null ? "no replayed connection from port "
                            + clientPort : "request cut short from " + connection) + "; closing");
                }
                closeAfterResponse = true;
                return;
            }
            if ("CONNECT".equals(head.method())) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                tunnel = head.target();
                return;
            }
            Responder current = responder;
            if (current == null) {
                if (Log.debugEnabled()) {
                    Log.debug("replay server: " + head.method() + " " + head.target() + " to " + connection + " came "
                            + "after its cassette went out of use; closing, so that the client opens a new connection");
                }
                closeAfterResponse = true;
                return;
            }
            closeAfterResponse = !current.respond(connection, head, body.toByteArray(), out) || !head.keepsConnection();
        }

        @Override
        public void notHttp(String why) {
            ReplayConnection connection = byClientPort.get(clientPort);
            if (connection != null) {
                connection.fail("netrec: replay serves HTTP/1.1 only, and the traffic to " + connection + " is not ("
                        + why + ")");
            }
            closeAfterResponse = true;
        }
    }
}
