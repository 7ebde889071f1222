package netrec.runtime.record;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLSocket;
import netrec.runtime.base.Log;
import netrec.runtime.tap.Tap;

/**
 * A recorded connection's tap: copies of what the application sends and reads go to the recorder of the cassette in
 * use for the connection at that moment (a connection a client keeps open from one test to the next is recorded in
 * the next test's cassette). Three kinds: a plain socket or channel, whose bytes stop being recorded once they carry TLS; a TLS
 * socket; and a client SSLEngine. For the TLS ones, the session is noted when application data first moves.
 *
 * <p>A channel's write is known only as it returns, how many of its bytes went being the write's answer, and so is an
 * SSLSocket's first write, which makes the handshake; the server may have answered them, and another thread read the
 * answer, before that. So what is read while such a write is under way is held, and handed to the recorder after the
 * write's bytes: the recording keeps the order of the wire.
 */
public final class RecordingTap implements Tap {
    private final RecordedConnection connection;
    private final Supplier<Recorder> recorder;
    private final Routes routes;
    /** The SSLSocket or SSLEngine whose plaintext this is, or null for plain bytes; weak, as the registry's key. */
    private final WeakReference<Object> tls;
    /** True for a connection netrec made itself: no hook numbers its writes as they begin. */
    private final boolean netrecs;
    /** Channel writes begun and not yet returned; guarded by this tap. */
    private int writesUnderWay;
    /** What was read while a channel write was under way, in order; null stands for the end of the stream. */
    private final List<byte[]> readMeanwhile = new ArrayList<>();
    /**
     * The recorder of the test the first write under way began for (its thread's), or null: that write's bytes and
     * what is read meanwhile go there, even when the test has ended by the time the write returns, and the recorder
     * waits for them before it stops. Guarded by this tap.
     */
    private Recorder writingFor;

    private RecordingTap(RecordedConnection connection, Supplier<Recorder> recorder, Routes routes, Object tls) {
        this(connection, recorder, routes, tls, false);
    }

    private RecordingTap(RecordedConnection connection, Supplier<Recorder> recorder, Routes routes, Object tls,
            boolean netrecs) {
        this.connection = connection;
        this.recorder = recorder;
        this.routes = routes;
        this.tls = tls == null ? null : new WeakReference<>(tls);
        this.netrecs = netrecs;
    }

    /**
     * The tap of a connection netrec made itself (update mode's way to a real server, on its own thread): each of
     * its writes is numbered as it is recorded, since no hook numbered it as it began.
     */
    public static RecordingTap ofNetrecs(Socket socket, RecordedConnection connection, Supplier<Recorder> recorder,
            Routes routes) {
        if (socket instanceof SSLSocket) {
            routes.noteJdkTls(connection.host(), connection.port());
            connection.noteSession((SSLSocket) socket); // its handshake is done
        }
        // netrec hands it the plaintext itself, in order: none of an SSLSocket's own hooks is involved
        return new RecordingTap(connection, recorder, routes, null, true);
    }

    /** The tap of a plain socket or channel; a socket that is itself TLS ({@code SSLSocket}) records plaintext. */
    public static RecordingTap of(Object client, RecordedConnection connection, Supplier<Recorder> recorder,
            Routes routes) {
        boolean tlsSocket = client instanceof SSLSocket;
        if (tlsSocket) {
            routes.noteJdkTls(connection.host(), connection.port());
        }
        return new RecordingTap(connection, recorder, routes, tlsSocket ? client : null);
    }

    /**
     * The tap of a client SSLEngine, made at its first wrap (the ClientHello), or null when the engine was made
     * without its server's name and port, which netrec then cannot tell.
     */
    public static RecordingTap ofEngine(SSLEngine engine, Supplier<Recorder> recorder, Routes routes) {
        String host = engine.getPeerHost();
        if (host == null || engine.getPeerPort() <= 0) {
            Log.warnOnce("engine-without-peer", "an SSLEngine was created without its server's name and port "
                    + "(SSLContext.createSSLEngine()); netrec cannot tell which server its traffic is for and "
                    + "does not record it");
            return null;
        }
        routes.noteJdkTls(host, engine.getPeerPort());
        RecordedConnection connection = new RecordedConnection(host, engine.getPeerPort(), "", true,
                routes.proxyTo(host, engine.getPeerPort()));
        return new RecordingTap(connection, recorder, routes, engine);
    }

    @Override
    public void connected(int localPort, Throwable failure) {
        // recorded from its first bytes; a non-blocking connect that failed is recorded as failed
        Recorder to = recorder.get();
        if (failure instanceof java.io.IOException && to != null) {
            to.connectFailed(connection, failure);
        }
    }

    @Override
    public void sent(byte[] bytes, int offset, int length) {
        sentTo(recorder.get(), bytes, offset, length);
    }

    private void sentTo(Recorder to, byte[] bytes, int offset, int length) {
        if (to == null || length <= 0 || connection.carriesTls()) {
            return;
        }
        try {
            if (tls == null) {
                routes.noteTunnel(connection, bytes, offset, length);
                if (connection.nothingSent() && looksLikeTlsHandshake(bytes, offset, length)) {
                    // TLS first, then sent: the reader thread that sees something sent sees TLS too, and never records
                    // the server's hello as a plain conversation
                    startCarryingTls(to);
                    connection.sentNow();
                    return;
                }
                connection.sentNow();
            } else {
                noteSession();
            }
            // an engine's plaintext is taken as it is wrapped, before the write that sends it: not that write's
            long writeOrder = netrecs ? WriteOrder.next()
                    : tls != null && tls.get() instanceof SSLEngine ? 0 : WriteOrder.taken();
            to.sent(connection, Arrays.copyOfRange(bytes, offset, offset + length), writeOrder);
        } catch (RuntimeException | Error e) {
            Log.internalError("recording traffic with " + connection, e);
        }
    }

    /**
     * Taken as an SSLSocket's write begins once its session is known: the write can no longer make a handshake. The
     * first write, which makes it, is taken as it returns ({@link #written}), what is read meanwhile after it.
     */
    @Override
    public boolean sending(byte[] bytes, int offset, int length) {
        if (!(tls != null && tls.get() instanceof SSLSocket && connection.sessionNoted())) {
            writeBegins();
            return false;
        }
        sent(bytes, offset, length);
        return true;
    }

    @Override
    public void sendFailed() {
        Recorder to = recorder.get();
        if (to != null && !connection.carriesTls()) {
            to.sendFailed(connection);
        }
    }

    @Override
    public void writeBegins() {
        synchronized (this) {
            if (writesUnderWay++ == 0) {
                writingFor = recorder.get();
                if (writingFor != null) {
                    writingFor.writeBegins();
                }
            }
        }
    }

    @Override
    public void written(byte[] bytes, int offset, int length) {
        synchronized (this) {
            sentTo(writesUnderWay > 0 && writingFor != null ? writingFor : recorder.get(), bytes, offset, length);
            if (writesUnderWay > 0 && --writesUnderWay == 0) {
                handOverWhatWasReadMeanwhile();
            }
        }
    }

    @Override
    public void received(byte[] bytes, int offset, int length) {
        if (length <= 0 || connection.carriesTls()) {
            return;
        }
        synchronized (this) {
            if (writesUnderWay > 0) {
                readMeanwhile.add(Arrays.copyOfRange(bytes, offset, offset + length));
            } else {
                receivedNow(recorder.get(), bytes, offset, length);
            }
        }
    }

    private void receivedNow(Recorder to, byte[] bytes, int offset, int length) {
        if (to == null || length <= 0 || connection.carriesTls()) {
            return;
        }
        try {
            if (tls == null && connection.nothingSent() && looksLikeTlsHandshake(bytes, offset, length)) {
                // a TLS server never speaks first: its hello overtook the hook of the client's write that asked for
                // it (a channel's reader thread and writer thread race), so this connection carries TLS
                startCarryingTls(to);
                return;
            }
            if (connection.carriesTls()) {
                return; // the client's hello was seen since this hook began
            }
            noteSession();
            to.received(connection, Arrays.copyOfRange(bytes, offset, offset + length));
        } catch (RuntimeException | Error e) {
            Log.internalError("recording traffic with " + connection, e);
        }
    }

    @Override
    public IOException endOfInput() {
        synchronized (this) {
            if (writesUnderWay > 0) {
                readMeanwhile.add(null);
            } else {
                endOfInputNow(recorder.get());
            }
        }
        return null;
    }

    private void endOfInputNow(Recorder to) {
        if (to != null && !connection.carriesTls()) {
            to.receivedEnd(connection);
        }
    }

    /** Called holding this tap, as the last write under way ends: that write's recorder may stop now. */
    private void handOverWhatWasReadMeanwhile() {
        Recorder to = writingFor != null ? writingFor : recorder.get();
        boolean held = writingFor != null;
        writingFor = null;
        try {
            for (byte[] read : readMeanwhile) {
                if (read == null) {
                    endOfInputNow(to);
                } else {
                    receivedNow(to, read, 0, read.length);
                }
            }
        } finally {
            readMeanwhile.clear();
            if (held) {
                to.writeEnded();
            }
        }
    }

    @Override
    public Socket layerTlsStart(Socket plain, String host, int port, boolean autoClose) {
        return null;
    }

    @Override
    public Tap layerTlsEnd(Socket tlsSocket, String host, int port) {
        RecordedConnection layered = connection.layerTls(host == null ? connection.host() : host, port);
        routes.noteJdkTls(connection.host(), connection.port());
        return new RecordingTap(layered, recorder, routes, tlsSocket);
    }

    @Override
    public void closed() {
        synchronized (this) {
            if (writesUnderWay > 0) {
                handOverWhatWasReadMeanwhile(); // a write under way fails now, and is recorded as sending nothing
            }
            writesUnderWay = 0;
        }
        Recorder to = recorder.get();
        if (to == null) {
            return;
        }
        to.closed(connection);
        if (connection.layered() != null) {
            to.closed(connection.layered());
        }
    }

    /** The session of a TLS socket or engine, noted once application data moves (its handshake is done by then). */
    private void noteSession() {
        Object end = tls == null ? null : tls.get();
        if (end == null || connection.sessionNoted()) {
            return;
        }
        if (end instanceof SSLSocket) {
            connection.noteSession((SSLSocket) end);
        } else {
            SSLEngine engine = (SSLEngine) end;
            if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                connection.noteSession(engine.getSession(), engine.getApplicationProtocol());
            }
        }
    }

    /** The connection's first bytes are a TLS handshake: from now on they are ciphertext, recorded one layer up. */
    private void startCarryingTls(Recorder to) {
        connection.startCarryingTls();
        if (!routes.jdkTlsTo(connection.host(), connection.port())) {
            String why = "TLS to " + connection + " does not go through the JDK's own TLS (it may be OpenSSL, "
                    + "Conscrypt or BouncyCastle), so netrec cannot see its plaintext and does not record it. For "
                    + "Netty, set -Dio.netty.handler.ssl.noOpenSsl=true; otherwise configure the client to use the "
                    + "JDK's default SSLContext";
            Log.warnOnce("invisible-tls:" + connection.host() + ":" + connection.port(), why);
            to.incomplete(why);
        }
    }

    /** A TLS record carrying a handshake message: content type 22, protocol major version 3. */
    private static boolean looksLikeTlsHandshake(byte[] bytes, int offset, int length) {
        return length >= 3 && bytes[offset] == 0x16 && bytes[offset + 1] == 0x03;
    }
}
