package netrec.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import netrec.runtime.record.RecordedConnection;
import netrec.runtime.record.Recorder;

/**
 * What the instrumented JDK methods call, through the bridge. Every method here has a JDK-only signature (the
 * bridge inside java.base holds a method handle to each, by name) and never throws: an internal failure is logged
 * once, and then recording lets the traffic pass untouched, while replay refuses it with netrec's reason.
 */
public final class Hooks {
    private static final Map<Socket, RecordedConnection> RECORDED = Collections.synchronizedMap(new WeakHashMap<>());

    private Hooks() {
    }

    /** Before {@code Socket.connect}: null to go on, a replacement address, or an IOException to throw. */
    public static Object connectStart(Socket socket, SocketAddress endpoint) {
        Engine engine = Engine.current();
        if (engine == null || engine.replayer() == null || NetrecThread.isCurrent()) {
            return null;
        }
        try {
            Object decision = engine.replayer().connectStart(socket, endpoint);
            if (decision instanceof IOException && engine.mode().recordsMisses()) {
                return null;
            }
            return decision;
        } catch (RuntimeException | Error e) {
            Log.internalError("deciding where a replayed connection goes", e);
            return new IOException("netrec: internal error while replaying a connection to " + endpoint + ": " + e);
        }
    }

    /** After {@code Socket.connect}, with its failure or null. */
    public static void connectEnd(Socket socket, SocketAddress endpoint, Throwable failure) {
        Engine engine = Engine.current();
        if (engine == null || NetrecThread.isCurrent()) {
            return;
        }
        try {
            if (engine.replayer() != null) {
                engine.replayer().connectEnd(socket, failure);
            }
            Recorder recorder = engine.recorder();
            if (recorder != null && failure == null && endpoint instanceof InetSocketAddress
                    && !isRedirected(engine, socket)) {
                InetSocketAddress target = (InetSocketAddress) endpoint;
                InetAddress address = target.getAddress();
                RECORDED.put(socket, new RecordedConnection(target.getHostString(), target.getPort(),
                        address == null ? "" : address.getHostAddress(), socket instanceof SSLSocket));
            }
        } catch (RuntimeException | Error e) {
            Log.internalError("noting a new connection", e);
        }
    }

    /** Bytes the application wrote to a plain socket. */
    public static void plainSent(Socket socket, byte[] bytes, int offset, int length) {
        RecordedConnection connection = plainConnection(socket);
        if (connection != null) {
            record(connection, bytes, offset, length, true);
        }
    }

    /**
     * Bytes the application read from a plain socket ({@code count} -1 at end of stream); returns the exception the
     * read should throw instead, when replay could not answer the request.
     */
    public static IOException plainReceived(Socket socket, byte[] bytes, int offset, int count) {
        Engine engine = Engine.current();
        if (engine == null || NetrecThread.isCurrent()) {
            return null;
        }
        if (count < 0 && engine.replayer() != null) {
            IOException failure = engine.replayer().endOfInput(socket);
            if (failure != null) {
                return failure;
            }
        }
        RecordedConnection connection = plainConnection(socket);
        if (connection != null) {
            record(connection, bytes, offset, count, false);
        }
        return null;
    }

    /** Plaintext the application wrote to a TLS socket. */
    public static void tlsSent(Socket socket, byte[] bytes, int offset, int length) {
        RecordedConnection connection = tlsConnection(socket);
        if (connection != null) {
            record(connection, bytes, offset, length, true);
        }
    }

    /** Plaintext the application read from a TLS socket ({@code count} -1 at end of stream). */
    public static void tlsReceived(Socket socket, byte[] bytes, int offset, int count) {
        RecordedConnection connection = tlsConnection(socket);
        if (connection != null) {
            record(connection, bytes, offset, count, false);
        }
    }

    /** {@code Socket.close}. */
    public static void closed(Socket socket) {
        Engine engine = Engine.current();
        if (engine == null || engine.recorder() == null) {
            return;
        }
        RecordedConnection connection = RECORDED.remove(socket);
        if (connection != null) {
            engine.recorder().closed(connection);
            if (connection.layered() != null) {
                engine.recorder().closed(connection.layered());
            }
        }
    }

    /** Before TLS is layered on a connected socket: the socket to return instead (replay), or null. */
    public static Socket tlsLayerStart(Socket plain, String host, int port, boolean autoClose) {
        Engine engine = Engine.current();
        if (engine == null || engine.replayer() == null || NetrecThread.isCurrent()) {
            return null;
        }
        try {
            return engine.replayer().layerTls(plain, host, port, autoClose);
        } catch (RuntimeException | Error e) {
            Log.internalError("replaying TLS to " + host + ":" + port, e);
            return null;
        }
    }

    /**
     * Before a TLS factory makes a socket that connects by itself: the socket to return instead (replay), or null.
     * A failure to connect is thrown to the application as the JDK would throw it.
     */
    public static Socket tlsSocketCreate(SSLSocketFactory factory, Object[] arguments) throws IOException {
        Engine engine = Engine.current();
        if (engine == null || engine.replayer() == null || NetrecThread.isCurrent()) {
            return null;
        }
        return engine.replayer().newTlsSocket(factory, arguments);
    }

    /** TLS was layered on a connected socket: its plaintext is recorded on {@code tls}, not on {@code plain}. */
    public static void tlsLayerEnd(Socket tls, Socket plain, String host, int port) {
        Engine engine = Engine.current();
        if (engine == null || engine.recorder() == null) {
            return;
        }
        try {
            RecordedConnection connection = RECORDED.get(plain);
            if (connection != null) {
                RECORDED.put(tls, connection.layerTls(host == null ? connection.host() : host, port));
            }
        } catch (RuntimeException | Error e) {
            Log.internalError("noting TLS to " + host + ":" + port, e);
        }
    }

    /** Before a DNS lookup: the addresses to answer with, an UnknownHostException to throw, or null to resolve. */
    public static Object lookupStart(String host) {
        Engine engine = Engine.current();
        if (engine == null || engine.replayer() == null || NetrecThread.isCurrent()) {
            return null;
        }
        try {
            Object answer = engine.replayer().lookup(host);
            return answer instanceof UnknownHostException && engine.mode().recordsMisses() ? null : answer;
        } catch (UnknownHostException | RuntimeException | Error e) {
            Log.internalError("answering a DNS lookup from the cassette", e);
            return new UnknownHostException("netrec: internal error while answering " + host + ": " + e);
        }
    }

    /** A DNS lookup answered by the resolver. */
    public static void lookupEnd(String host, InetAddress[] addresses) {
        Engine engine = Engine.current();
        if (engine == null || engine.recorder() == null || addresses == null || NetrecThread.isCurrent()) {
            return;
        }
        engine.recorder().lookup(host, addresses);
    }

    /** ALPN protocols an application offers, without {@code h2}, so that every HTTPS conversation is HTTP/1.1. */
    public static String[] applicationProtocols(String[] protocols) {
        Engine engine = Engine.current();
        if (engine == null || protocols == null) {
            return protocols;
        }
        List<String> kept = new ArrayList<>();
        for (String protocol : protocols) {
            if (!"h2".equals(protocol)) {
                kept.add(protocol);
            }
        }
        if (kept.size() == protocols.length) {
            return protocols;
        }
        if (kept.isEmpty()) {
            kept.add("http/1.1");
        }
        return kept.toArray(new String[0]);
    }

    private static boolean isRedirected(Engine engine, Socket socket) {
        if (engine.replayer() == null) {
            return false;
        }
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        return remote != null && remote.getPort() == engine.replayer().serverPort()
                && remote.getAddress().isLoopbackAddress();
    }

    private static RecordedConnection plainConnection(Socket socket) {
        Engine engine = Engine.current();
        if (engine == null || engine.recorder() == null || socket instanceof SSLSocket) {
            return null;
        }
        RecordedConnection connection = RECORDED.get(socket);
        return connection == null || connection.carriesTls() ? null : connection;
    }

    private static RecordedConnection tlsConnection(Socket socket) {
        Engine engine = Engine.current();
        if (engine == null || engine.recorder() == null) {
            return null;
        }
        RecordedConnection connection = RECORDED.get(socket);
        if (connection != null && socket instanceof SSLSocket) {
            connection.noteSession((SSLSocket) socket);
        }
        return connection;
    }

    private static void record(RecordedConnection connection, byte[] bytes, int offset, int count, boolean sent) {
        Recorder recorder = Engine.current().recorder();
        try {
            if (sent) {
                recorder.sent(connection, bytes, offset, count);
            } else if (count < 0) {
                recorder.receivedEnd(connection);
            } else if (count > 0) {
                recorder.received(connection, bytes, offset, count);
            }
        } catch (RuntimeException | Error e) {
            Log.internalError("recording traffic with " + connection, e);
        }
    }

}
