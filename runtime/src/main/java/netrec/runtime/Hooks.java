package netrec.runtime;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import netrec.runtime.record.RecordedConnection;
import netrec.runtime.record.Recorder;

/**
 * What the instrumented JDK methods call, through the bridge. Every method here has a JDK-only signature (the
 * bridge inside java.base reaches each through its {@code Hooks} interface) and never throws: an internal failure
 * is logged once, and then recording lets the traffic pass untouched, while replay refuses it with netrec's reason.
 *
 * <p>A connection is keyed by the object the application holds: a {@link Socket}, a {@link SocketChannel}, or an
 * {@link SSLEngine} for TLS over NIO.
 */
public final class Hooks {
    private static final Map<Object, RecordedConnection> RECORDED = Collections.synchronizedMap(new WeakHashMap<>());
    /** {@code host:port} and {@code :port} of servers the JDK's own TLS talks to; other TLS is invisible to netrec. */
    private static final Set<String> JDK_TLS_PEERS = ConcurrentHashMap.newKeySet();
    /** {@code host:port} a proxy was asked to CONNECT to, and that proxy's {@code host:port}. */
    private static final Map<String, String> TUNNELS = new ConcurrentHashMap<>();

    private Hooks() {
    }

    /**
     * Before {@code Socket.connect}, the socket's implementation being {@code current}: null to go on, a replacement
     * implementation or address, or an IOException to throw.
     */
    public static Object connectStart(Socket socket, SocketImpl current, SocketAddress endpoint) {
        return decideConnect(socket, current, endpoint);
    }

    /** Before {@code SocketChannel.connect}: null to go on, a replacement address, or an IOException to throw. */
    public static Object channelConnectStart(SocketChannel channel, SocketAddress endpoint) {
        return decideConnect(channel, null, endpoint);
    }

    /** After {@code Socket.connect}, with its failure or null. */
    public static void connectEnd(Socket socket, SocketAddress endpoint, Throwable failure) {
        noteConnected(socket, socket.getLocalPort(), endpoint, failure, socket instanceof SSLSocket);
    }

    /**
     * After {@code SocketChannel.connect}. A non-blocking connect may still be pending: then its local port is not
     * known yet ({@code -1}) and {@link #channelConnectFinished} completes the picture.
     */
    public static void channelConnectEnd(SocketChannel channel, SocketAddress endpoint, Throwable failure) {
        noteConnected(channel, localPort(channel), endpoint, failure, false);
    }

    /** After {@code SocketChannel.finishConnect}: connected, still pending, or failed. */
    public static void channelConnectFinished(SocketChannel channel, boolean connected, Throwable failure) {
        Engine engine = Engine.current();
        if (engine == null || engine.replayer() == null || NetrecThread.isCurrent() || !(connected || failure != null)) {
            return;
        }
        try {
            engine.replayer().connectEnd(channel, localPort(channel), failure);
        } catch (RuntimeException | Error e) {
            Log.internalError("noting a replayed connection", e);
        }
    }

    private static int localPort(SocketChannel channel) {
        try {
            SocketAddress local = channel.getLocalAddress();
            return local instanceof InetSocketAddress ? ((InetSocketAddress) local).getPort() : -1;
        } catch (IOException | RuntimeException closed) {
            return -1;
        }
    }

    /** Bytes the application wrote to a plain socket. */
    public static void plainSent(Socket socket, byte[] bytes, int offset, int length) {
        RecordedConnection connection = plainConnection(socket);
        if (connection != null && length > 0) {
            sent(connection, Arrays.copyOfRange(bytes, offset, offset + length));
        }
    }

    /**
     * Bytes the application read from a plain socket ({@code count} -1 at end of stream); returns the exception the
     * read should throw instead, when replay could not answer the request.
     */
    public static IOException plainReceived(Socket socket, byte[] bytes, int offset, int count) {
        IOException failure = replayFailure(socket, count);
        if (failure == null) {
            RecordedConnection connection = plainConnection(socket);
            if (connection != null) {
                received(connection, count < 0 ? null : Arrays.copyOfRange(bytes, offset, offset + count));
            }
        }
        return failure;
    }

    /** Bytes written from a channel's buffers: each moved from {@code before[i]} to its position now. */
    public static void channelSent(SocketChannel channel, ByteBuffer[] buffers, int offset, int[] before) {
        RecordedConnection connection = plainConnection(channel);
        if (connection != null) {
            byte[] bytes = moved(buffers, offset, before);
            if (bytes.length > 0) {
                sent(connection, bytes);
            }
        }
    }

    /** Bytes read into a channel's buffers, or end of stream ({@code count} -1), as {@link #plainReceived}. */
    public static IOException channelReceived(SocketChannel channel, ByteBuffer[] buffers, int offset, int[] before,
            long count) {
        IOException failure = replayFailure(channel, count);
        if (failure == null && count != 0) {
            RecordedConnection connection = plainConnection(channel);
            if (connection != null) {
                received(connection, count < 0 ? null : moved(buffers, offset, before));
            }
        }
        return failure;
    }

    /** Plaintext the application wrote to a TLS socket. */
    public static void tlsSent(Socket socket, byte[] bytes, int offset, int length) {
        RecordedConnection connection = tlsConnection(socket);
        if (connection != null && length > 0) {
            sent(connection, Arrays.copyOfRange(bytes, offset, offset + length));
        }
    }

    /** Plaintext the application read from a TLS socket ({@code count} -1 at end of stream). */
    public static void tlsReceived(Socket socket, byte[] bytes, int offset, int count) {
        RecordedConnection connection = tlsConnection(socket);
        if (connection != null && count != 0) {
            received(connection, count < 0 ? null : Arrays.copyOfRange(bytes, offset, offset + count));
        }
    }

    /** Plaintext an SSLEngine consumed from the application's buffers in a wrap. */
    public static void tlsEngineSent(SSLEngine engine, ByteBuffer[] sources, int offset, int[] before) {
        byte[] bytes = moved(sources, offset, before);
        RecordedConnection connection = engineConnection(engine, bytes.length > 0);
        if (connection != null && bytes.length > 0) {
            sent(connection, bytes);
        }
    }

    /** Plaintext an SSLEngine produced into the application's buffers in an unwrap. */
    public static void tlsEngineReceived(SSLEngine engine, ByteBuffer[] destinations, int offset, int[] before) {
        byte[] bytes = moved(destinations, offset, before);
        RecordedConnection connection = engineConnection(engine, bytes.length > 0);
        if (connection != null && bytes.length > 0) {
            received(connection, bytes);
        }
    }

    /** {@code Socket.close}. */
    public static void closed(Socket socket) {
        forget(socket);
    }

    /** {@code SocketChannel} closed. */
    public static void channelClosed(SocketChannel channel) {
        forget(channel);
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

    /** Before an SSLEngine is made for a named server: replay's identity engine for a recorded server, or null. */
    public static SSLEngine tlsEngineCreate(String host, int port) {
        Engine engine = Engine.current();
        if (engine == null || engine.replayer() == null || host == null || NetrecThread.isCurrent()) {
            return null;
        }
        try {
            return engine.replayer().newTlsEngine(host, port);
        } catch (RuntimeException | Error e) {
            Log.internalError("replaying TLS to " + host + ":" + port, e);
            return null;
        }
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
                RecordedConnection layered = connection.layerTls(host == null ? connection.host() : host, port);
                RECORDED.put(tls, layered);
                noteJdkTlsPeer(connection.host(), connection.port());
            }
        } catch (RuntimeException | Error e) {
            Log.internalError("noting TLS to " + host + ":" + port, e);
        }
    }

    /** Before a DNS lookup: the addresses to answer with, an UnknownHostException to throw, or null to resolve. */
    public static Object lookupStart(String host) {
        Engine engine = Engine.current();
        if (engine == null && Engine.refusal() != null && !NetrecThread.isCurrent()) {
            return Engine.leftAloneByJvm(host) ? null : new UnknownHostException(Engine.refusal());
        }
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
        if (engine == null || engine.recorder() == null || addresses == null || NetrecThread.isCurrent()
                || engine.leavesAlone(host)) {
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

    // ---- shared by sockets, channels and engines ----

    /** {@code current}: a socket's implementation, null for a channel. */
    private static Object decideConnect(Object connection, SocketImpl current, SocketAddress endpoint) {
        Engine engine = Engine.current();
        if (engine == null && Engine.refusal() != null && !NetrecThread.isCurrent()) {
            return endpoint instanceof InetSocketAddress
                    && Engine.leftAloneByJvm(((InetSocketAddress) endpoint).getHostString()) ? null
                    : new ConnectException(Engine.refusal());
        }
        if (engine == null || engine.replayer() == null || NetrecThread.isCurrent()) {
            return null;
        }
        try {
            Object decision = engine.replayer().connectStart(connection, current, endpoint);
            if (decision instanceof IOException && engine.mode().recordsMisses()) {
                return null;
            }
            return decision;
        } catch (IOException | RuntimeException | Error e) {
            Log.internalError("deciding where a replayed connection goes", e);
            return new IOException("netrec: internal error while replaying a connection to " + endpoint + ": " + e);
        }
    }

    private static void noteConnected(Object connection, int localPort, SocketAddress endpoint, Throwable failure,
            boolean tls) {
        Engine engine = Engine.current();
        if (engine == null || NetrecThread.isCurrent()) {
            return;
        }
        try {
            boolean replayed = engine.replayer() != null && engine.replayer().connectEnd(connection, localPort, failure);
            if (engine.recorder() != null && failure == null && !replayed && endpoint instanceof InetSocketAddress
                    && !engine.leavesAlone(endpoint)) {
                InetSocketAddress target = (InetSocketAddress) endpoint;
                InetAddress address = target.getAddress();
                RECORDED.put(connection, new RecordedConnection(target.getHostString(), target.getPort(),
                        address == null ? "" : address.getHostAddress(), tls));
                if (tls) {
                    noteJdkTlsPeer(target.getHostString(), target.getPort());
                }
            }
        } catch (RuntimeException | Error e) {
            Log.internalError("noting a new connection", e);
        }
    }

    private static IOException replayFailure(Object connection, long count) {
        Engine engine = Engine.current();
        if (count >= 0 || engine == null || engine.replayer() == null || NetrecThread.isCurrent()) {
            return null;
        }
        return engine.replayer().endOfInput(connection);
    }

    private static void forget(Object connection) {
        Engine engine = Engine.current();
        if (engine == null || engine.recorder() == null) {
            return;
        }
        RecordedConnection recorded = RECORDED.remove(connection);
        if (recorded != null) {
            engine.recorder().closed(recorded);
            if (recorded.layered() != null) {
                engine.recorder().closed(recorded.layered());
            }
        }
    }

    private static RecordedConnection plainConnection(Object connection) {
        Engine engine = Engine.current();
        if (engine == null || engine.recorder() == null || connection instanceof SSLSocket) {
            return null;
        }
        RecordedConnection recorded = RECORDED.get(connection);
        return recorded == null || recorded.carriesTls() ? null : recorded;
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

    /** The recorded connection of a client SSLEngine, made on its first wrap (the ClientHello). */
    private static RecordedConnection engineConnection(SSLEngine tls, boolean applicationData) {
        Engine engine = Engine.current();
        if (engine == null || engine.recorder() == null || !tls.getUseClientMode() || NetrecThread.isCurrent()) {
            return null;
        }
        RecordedConnection connection = RECORDED.get(tls);
        if (connection == null) {
            String host = tls.getPeerHost();
            if (host == null || tls.getPeerPort() <= 0) {
                Log.warnOnce("engine-without-peer", "an SSLEngine was created without its server's name and port "
                        + "(SSLContext.createSSLEngine()); netrec cannot tell which server its traffic is for and "
                        + "does not record it");
                return null;
            }
            String via = TUNNELS.get(host.toLowerCase(java.util.Locale.ROOT) + ":" + tls.getPeerPort());
            connection = new RecordedConnection(host, tls.getPeerPort(), "", true, via == null ? "" : via);
            RECORDED.put(tls, connection);
            noteJdkTlsPeer(host, tls.getPeerPort());
        }
        if (applicationData && !connection.sessionNoted()
                && tls.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
            connection.noteSession(tls.getSession(), tls.getApplicationProtocol());
        }
        return connection;
    }

    private static void noteJdkTlsPeer(String host, int port) {
        JDK_TLS_PEERS.add(host.toLowerCase(java.util.Locale.ROOT) + ":" + port);
        JDK_TLS_PEERS.add(":" + port);
    }

    private static void sent(RecordedConnection connection, byte[] bytes) {
        Recorder recorder = Engine.current().recorder();
        try {
            noteTunnel(connection, bytes);
            if (connection.firstBytes() && looksLikeTlsHandshake(bytes)) {
                connection.startCarryingTls();
                if (!JDK_TLS_PEERS.contains(connection.host().toLowerCase(java.util.Locale.ROOT) + ":" + connection.port())
                        && !JDK_TLS_PEERS.contains(":" + connection.port())) {
                    String why = "TLS to " + connection + " does not go through the JDK's own TLS (it may be "
                            + "OpenSSL, Conscrypt or BouncyCastle), so netrec cannot see its plaintext and does not "
                            + "record it. For Netty, set -Dio.netty.handler.ssl.noOpenSsl=true; otherwise configure "
                            + "the client to use the JDK's default SSLContext";
                    Log.warnOnce("invisible-tls:" + connection.host() + ":" + connection.port(), why);
                    recorder.incomplete(why);
                }
                return;
            }
            recorder.sent(connection, bytes);
        } catch (RuntimeException | Error e) {
            Log.internalError("recording traffic with " + connection, e);
        }
    }

    private static void received(RecordedConnection connection, byte[] bytesOrEnd) {
        Recorder recorder = Engine.current().recorder();
        try {
            if (bytesOrEnd == null) {
                recorder.receivedEnd(connection);
            } else if (bytesOrEnd.length > 0) {
                recorder.received(connection, bytesOrEnd);
            }
        } catch (RuntimeException | Error e) {
            Log.internalError("recording traffic with " + connection, e);
        }
    }

    /** A CONNECT request makes this connection a tunnel; TLS over NIO through it learns its proxy from here. */
    private static void noteTunnel(RecordedConnection connection, byte[] bytes) {
        if (bytes.length > 8 && bytes[0] == 'C' && new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)
                .equals("CONNECT ")) {
            int end = 8;
            while (end < bytes.length && bytes[end] != ' ') {
                end++;
            }
            String target = new String(bytes, 8, end - 8, java.nio.charset.StandardCharsets.US_ASCII);
            TUNNELS.put(target.toLowerCase(java.util.Locale.ROOT), connection.host() + ":" + connection.port());
        }
    }

    /** A TLS record carrying a handshake message: content type 22, protocol major version 3. */
    private static boolean looksLikeTlsHandshake(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == 0x16 && bytes[1] == 0x03;
    }

    /** The bytes each buffer moved past since {@code before}, concatenated. */
    private static byte[] moved(ByteBuffer[] buffers, int offset, int[] before) {
        int total = 0;
        for (int i = 0; i < before.length; i++) {
            total += Math.max(0, buffers[offset + i].position() - before[i]);
        }
        byte[] bytes = new byte[total];
        int at = 0;
        for (int i = 0; i < before.length && at < total; i++) {
            ByteBuffer buffer = buffers[offset + i];
            int n = buffer.position() - before[i];
            if (n > 0) {
                ByteBuffer view = buffer.duplicate();
                view.position(before[i]);
                view.get(bytes, at, n);
                at += n;
            }
        }
        return bytes;
    }
}
