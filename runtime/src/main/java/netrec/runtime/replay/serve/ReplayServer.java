package netrec.runtime.replay.serve;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import netrec.runtime.base.Log;
import netrec.runtime.base.NetrecThread;
import java.util.List;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.replay.tls.TlsRecordFraming;

/**
 * The server inside the JVM that replayed channels (and sockets replay cannot answer in-process) really reach: the
 * client's connect is redirected to this loopback socket, so the client's own I/O code, selectors included, runs
 * unchanged. Each accepted connection is matched to the destination the client asked for by the client's local
 * port, registered before the client sends anything. A JVM's session starts one, when the first connection needs it.
 */
public final class ReplayServer {
    private final List<Protocol> protocols;
    private final ServerSocket server;
    private final Map<Integer, ReplayConnection> byClientPort = new ConcurrentHashMap<>();
    /** The phases being served, with their sockets: watched for clients stopped partway through a turn. */
    private final Map<ServedConnection, Socket> serving = new ConcurrentHashMap<>();

    /**
     * Starts a replay server on a loopback port of its own, answering {@code protocols}, once a connection to it
     * went through: a namespace whose loopback is down lets the server bind, and refuses every client.
     *
     * @throws IOException saying why, in netrec's words, when loopback cannot be reached
     */
    public ReplayServer(List<Protocol> protocols) throws IOException {
        this.protocols = protocols;
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        new NetrecThread("replay-server", this::acceptLoop).start();
        new NetrecThread("replay-stalls", this::watchStalls).start();
        IOException unreachable = probe(address());
        if (unreachable != null) {
            close();
            throw new IOException("netrec: replay answers this client (it waits on a selector: the JDK HttpClient, "
                    + "Netty, Jetty) through a server inside the JVM on loopback, " + address() + ", and loopback "
                    + "cannot be reached here (" + unreachable.getMessage() + "): bring it up, as the launcher's "
                    + "--no-network does (unshare -n sh -c 'ip link set lo up && exec java ...')", unreachable);
        }
    }

    /** Connects to {@code address} once, on a thread of netrec's own (never recorded nor replayed). */
    private static IOException probe(InetSocketAddress address) {
        try {
            NetrecThread.call("replay-server-probe", () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(address, 5_000);
                }
                return null;
            });
            return null;
        } catch (IOException e) {
            return e;
        } catch (RuntimeException e) { // a connect refused by a security policy, say: loopback cannot be used either
            return new IOException(e.toString(), e);
        }
    }

    /**
     * Stops accepting connections, at JVM exit: a thread blocked in {@code accept} holds up the JVM's exit for a
     * third of a second.
     */
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // exiting anyway
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** The connection from {@code clientPort} is for {@code connection}. */
    public void expect(int clientPort, ReplayConnection connection) {
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
            ReplayConnection connection = awaitExpected(clientPort);
            if (connection == null) {
                if (abandoned(s)) {
                    Log.debug("replay: a connection from port " + clientPort + " was closed by its client before "
                            + "its connect completed");
                } else {
                    Log.warnOnce("replay-unexpected", "a connection from port " + clientPort + " reached the "
                            + "replay server, and no replayed connect said where it meant to go; it is closed");
                }
                return;
            }
            OutputStream opened = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            ServedConnection opening = new ServedConnection(protocols, connection, sending(opened, s));
            if (opening.opened()) {
                open = !opening.closing() && servePhase(raw, opening, s);
                tunnel = opening.tunnel();
            }
            while (open) {
                raw.mark(1);
                int first = raw.read();
                raw.reset();
                if (first < 0) {
                    break;
                }
                boolean framed = TlsRecordFraming.startsFramed(first);
                InputStream in = framed ? TlsRecordFraming.unframed(raw, s.getOutputStream()) : raw;
                OutputStream out = new BufferedOutputStream(framed ? TlsRecordFraming.framed(s.getOutputStream())
                        : s.getOutputStream(), 64 * 1024);
                if (framed) {
                    startTls(connection, tunnel);
                }
                ServedConnection served = new ServedConnection(protocols, connection, sending(out, s));
                open = servePhase(in, served, s);
                tunnel = served.tunnel();
            }
        } catch (IOException e) {
            if (Log.debugEnabled()) {
                Log.debug("replayed connection from port " + clientPort + " ended: " + e);
            }
        } finally {
            if (Log.debugEnabled()) {
                Log.debug("replay server: connection from port " + clientPort + " closed");
            }
        }
    }

    /**
     * Waits for the client's connect to say where it meant to go (the connect can complete here a moment before the
     * client's thread registers it), and takes that registration: the client's port is free for another connection
     * as soon as this one ends, and that one's registration must not be this one's to use or to drop. The connection
     * once it has; null after two seconds.
     */
    private ReplayConnection awaitExpected(int clientPort) throws IOException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        ReplayConnection connection;
        while ((connection = byClientPort.remove(clientPort)) == null) {
            if (System.nanoTime() > deadline) {
                return null;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("replay server stopping");
            }
        }
        return connection;
    }

    /**
     * Whether the client closed a connection whose connect it never completed (a pool that gave up a pending
     * connect): the kernel accepted it, and its end of input is already there.
     */
    private static boolean abandoned(Socket socket) {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Sends each answer whole, as it is read; what is written goes out whenever the answer has nothing more ready
     * (an answer kept to its recorded pace waits between its parts), and at its end.
     */
    private static ServedConnection.Outbox sending(OutputStream out, Socket socket) {
        return new ServedConnection.Outbox() {
            @Override
            public void send(Answer answer) throws IOException {
                try (Answer sent = answer) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = sent.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        if (sent.available() == 0) {
                            out.flush();
                        }
                    }
                }
                out.flush();
            }

            @Override
            public void end() throws IOException {
                out.flush();
                socket.shutdownOutput();
            }
        };
    }

    /**
     * Fails the connections whose client stopped partway through a turn a second ago or more (their protocol calls
     * it a miss): the socket closes, and the client's read at its end throws netrec's reason.
     */
    private void watchStalls() {
        while (!server.isClosed()) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            serving.forEach((served, socket) -> {
                try {
                    if (served.stalled()) {
                        socket.close();
                    }
                } catch (IOException | RuntimeException e) {
                    Log.debug("replay: watching " + served + " for a stall: " + e);
                }
            });
        }
    }

    /** Serves requests until the connection closes (false) or a CONNECT tunnel begins (true). */
    private boolean servePhase(InputStream in, ServedConnection served, Socket socket) throws IOException {
        serving.put(served, socket);
        boolean tunnel = false;
        try {
            tunnel = readPhase(in, served);
            return tunnel;
        } finally {
            serving.remove(served);
            if (!tunnel) {
                served.clientClosed();
            }
        }
    }

    private boolean readPhase(InputStream in, ServedConnection served) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while (!served.closing() && (n = in.read(buffer)) > 0) {
            served.feed(buffer, 0, n);
            if (served.tunnel() != null && served.idle()) {
                return true;
            }
        }
        return false;
    }

    /** TLS records arrived: the connection is TLS, to the CONNECT target when it came through a tunnel. */
    private static void startTls(ReplayConnection connection, String tunnel) {
        if (connection.tls()) {
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
}
