package netrec.runtime.replay.tls;

import java.util.List;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The SSLEngine a replayed NIO client gets for a recorded server: no cryptography, the plaintext is carried in TLS
 * application-data records (5-byte header, at most 16 KiB each) because Netty and Jetty read record headers
 * before they unwrap. The replay server strips and adds the same framing.
 *
 * <p>The handshake is the shortest that behaves like a real one for the JDK HttpClient's SSLFlowDelegate, Netty's
 * SslHandler and Jetty's SslConnection. It takes one round trip, so it never completes inside the call that started
 * it (Reactor Netty sends its request twice when it does): the first wrap sends a handshake record holding
 * {@link #HELLO}; the unwrap of the replay server's answer gives {@code (OK, NEED_TASK)} with one delegated task
 * that does nothing; after the task the status is NEED_WRAP, as a real client's is when its Finished message is
 * due, and that wrap reports FINISHED, once, producing nothing (an unwrap that comes first reports it instead).
 * Apache HttpClient 5's async client completes its handshake only on a FINISHED it sees while handshaking; a first
 * result of FINISHED would leave the JDK HttpClient waiting for ALPN forever. Before the handshake begins the status
 * is NOT_HANDSHAKING.
 */
final class IdentitySslEngine extends SSLEngine {
    static final int MAX_RECORD = 16 * 1024;
    static final int HEADER = 5;
    static final byte APPLICATION_DATA = 23;
    static final byte HANDSHAKE = 22;
    /** The payload of the identity handshake record, each way. */
    static final byte[] HELLO = {'n', 'e', 't', 'r', 'e', 'c'};

    private enum Handshake { NOT_STARTED, SEND_HELLO, AWAIT_HELLO, TASK_PENDING, TASK_RUNNING, REPORT_FINISHED, DONE }

    private final RecordedSslSession session;
    private final List<String> applicationProtocols;
    private Handshake handshake = Handshake.NOT_STARTED;
    private SSLParameters parameters = TlsDefaults.parameters();
    private boolean clientMode = true;
    private boolean sessionCreation = true;
    private boolean inboundDone;
    private boolean outboundDone;

    IdentitySslEngine(String host, int port, RecordedSslSession session, List<String> applicationProtocols) {
        super(host, port);
        this.session = session;
        this.applicationProtocols = applicationProtocols;
    }

    @Override
    public synchronized SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination) {
        if (outboundDone) {
            return new SSLEngineResult(Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
        }
        if (handshake == Handshake.NOT_STARTED) {
            handshake = Handshake.SEND_HELLO;
        }
        if (handshake == Handshake.SEND_HELLO) {
            if (destination.remaining() < HEADER + HELLO.length) {
                return new SSLEngineResult(Status.BUFFER_OVERFLOW, HandshakeStatus.NEED_WRAP, 0, 0);
            }
            destination.put(HANDSHAKE).put((byte) 3).put((byte) 3).put((byte) 0).put((byte) HELLO.length).put(HELLO);
            handshake = Handshake.AWAIT_HELLO;
            return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_UNWRAP, 0, HEADER + HELLO.length);
        }
        SSLEngineResult waiting = waitingResult();
        if (waiting != null) {
            return waiting;
        }
        if (handshake == Handshake.REPORT_FINISHED) {
            return new SSLEngineResult(Status.OK, afterStep(), 0, 0);
        }
        long available = 0;
        for (int i = offset; i < offset + length; i++) {
            available += sources[i].remaining();
        }
        int payload = (int) Math.min(available, Math.min(MAX_RECORD, destination.remaining() - HEADER));
        if (available > 0 && payload <= 0) {
            return new SSLEngineResult(Status.BUFFER_OVERFLOW, afterStep(), 0, 0);
        }
        if (payload <= 0) {
            return new SSLEngineResult(Status.OK, afterStep(), 0, 0);
        }
        destination.put(APPLICATION_DATA).put((byte) 3).put((byte) 3).put((byte) (payload >> 8)).put((byte) payload);
        int left = payload;
        for (int i = offset; i < offset + length && left > 0; i++) {
            ByteBuffer source = sources[i];
            int n = Math.min(left, source.remaining());
            ByteBuffer slice = source.duplicate();
            slice.limit(slice.position() + n);
            destination.put(slice);
            source.position(source.position() + n);
            left -= n;
        }
        return new SSLEngineResult(Status.OK, afterStep(), payload, payload + HEADER);
    }

    @Override
    public synchronized SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length)
            throws SSLHandshakeException {
        if (inboundDone) {
            return closed(source);
        }
        if (handshake == Handshake.NOT_STARTED) {
            handshake = Handshake.SEND_HELLO;
        }
        if (handshake == Handshake.SEND_HELLO) {
            return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_WRAP, 0, 0);
        }
        if (handshake == Handshake.TASK_PENDING || handshake == Handshake.TASK_RUNNING) {
            return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_TASK, 0, 0);
        }
        HandshakeStatus pending = handshake == Handshake.AWAIT_HELLO ? HandshakeStatus.NEED_UNWRAP : null;
        if (source.remaining() < HEADER) {
            return new SSLEngineResult(Status.BUFFER_UNDERFLOW, pending != null ? pending : afterStep(), 0, 0);
        }
        int start = source.position();
        int type = source.get(start);
        int payload = ((source.get(start + 3) & 0xff) << 8) | (source.get(start + 4) & 0xff);
        if (source.remaining() < HEADER + payload) {
            return new SSLEngineResult(Status.BUFFER_UNDERFLOW, pending != null ? pending : afterStep(), 0, 0);
        }
        if (handshake == Handshake.AWAIT_HELLO) {
            if (type != HANDSHAKE || payload != HELLO.length) {
                throw new SSLHandshakeException("netrec: the replay server answered the TLS handshake with "
                        + (HEADER + payload) + " bytes of content type " + type + " instead of netrec's own "
                        + "handshake record: what the cassette holds for " + getPeerHost() + ":" + getPeerPort()
                        + " is not a TLS conversation");
            }
            source.position(start + HEADER + payload);
            handshake = Handshake.TASK_PENDING;
            return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_TASK, HEADER + payload, 0);
        }
        if (type != APPLICATION_DATA) {
            inboundDone = true;
            return closed(source);
        }
        long room = 0;
        for (int i = offset; i < offset + length; i++) {
            room += destinations[i].remaining();
        }
        if (room < payload) {
            return new SSLEngineResult(Status.BUFFER_OVERFLOW, afterStep(), 0, 0);
        }
        ByteBuffer record = source.duplicate();
        record.position(start + HEADER);
        record.limit(start + HEADER + payload);
        for (int i = offset; i < offset + length && record.hasRemaining(); i++) {
            ByteBuffer destination = destinations[i];
            int n = Math.min(record.remaining(), destination.remaining());
            ByteBuffer part = record.duplicate();
            part.limit(part.position() + n);
            destination.put(part);
            record.position(record.position() + n);
        }
        source.position(start + HEADER + payload);
        return new SSLEngineResult(Status.OK, afterStep(), HEADER + payload, payload);
    }

    /**
     * CLOSED, with whatever the source still holds consumed: nothing is read after a close, and a caller that
     * unwraps while its buffer has bytes left (the JDK HttpClient's SSLFlowDelegate) would otherwise ask forever.
     */
    private static SSLEngineResult closed(ByteBuffer source) {
        int rest = source.remaining();
        source.position(source.limit());
        return new SSLEngineResult(Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, rest, 0);
    }

    /** The result of a wrap while the handshake waits for the server's answer or for its task; null after. */
    private SSLEngineResult waitingResult() {
        if (handshake == Handshake.AWAIT_HELLO) {
            return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_UNWRAP, 0, 0);
        }
        if (handshake == Handshake.TASK_PENDING || handshake == Handshake.TASK_RUNNING) {
            return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_TASK, 0, 0);
        }
        return null;
    }

    /** FINISHED once, on the first result after the task ran; NOT_HANDSHAKING after that. */
    private HandshakeStatus afterStep() {
        if (handshake == Handshake.REPORT_FINISHED) {
            handshake = Handshake.DONE;
            return HandshakeStatus.FINISHED;
        }
        return HandshakeStatus.NOT_HANDSHAKING;
    }

    @Override
    public synchronized Runnable getDelegatedTask() {
        if (handshake != Handshake.TASK_PENDING) {
            return null;
        }
        handshake = Handshake.TASK_RUNNING;
        return this::taskDone;
    }

    private synchronized void taskDone() {
        handshake = Handshake.REPORT_FINISHED;
    }

    @Override
    public synchronized void beginHandshake() {
        if (handshake == Handshake.NOT_STARTED) {
            handshake = Handshake.SEND_HELLO;
        }
    }

    @Override
    public synchronized HandshakeStatus getHandshakeStatus() {
        switch (handshake) {
            case SEND_HELLO:
                return HandshakeStatus.NEED_WRAP;
            case AWAIT_HELLO:
                return HandshakeStatus.NEED_UNWRAP;
            case TASK_PENDING:
            case TASK_RUNNING:
                return HandshakeStatus.NEED_TASK;
            case REPORT_FINISHED:
                return HandshakeStatus.NEED_WRAP;
            default:
                return HandshakeStatus.NOT_HANDSHAKING;
        }
    }

    @Override
    public SSLSession getSession() {
        return session;
    }

    @Override
    public synchronized SSLSession getHandshakeSession() {
        return handshake == Handshake.NOT_STARTED || handshake == Handshake.REPORT_FINISHED
                || handshake == Handshake.DONE ? null : session;
    }

    @Override
    public synchronized String getApplicationProtocol() {
        return handshake == Handshake.REPORT_FINISHED || handshake == Handshake.DONE
                ? Alpn.choose(applicationProtocols, parameters.getApplicationProtocols()) : null;
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return null;
    }

    @Override
    public synchronized void closeInbound() {
        inboundDone = true;
    }

    @Override
    public synchronized boolean isInboundDone() {
        return inboundDone;
    }

    @Override
    public synchronized void closeOutbound() {
        outboundDone = true;
    }

    @Override
    public synchronized boolean isOutboundDone() {
        return outboundDone;
    }

    @Override
    public synchronized SSLParameters getSSLParameters() {
        return TlsDefaults.copy(parameters);
    }

    @Override
    public synchronized void setSSLParameters(SSLParameters newParameters) {
        parameters = TlsDefaults.copy(newParameters);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return TlsDefaults.supported().getCipherSuites();
    }

    @Override
    public synchronized String[] getEnabledCipherSuites() {
        return parameters.getCipherSuites();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        parameters.setCipherSuites(suites.clone());
    }

    @Override
    public String[] getSupportedProtocols() {
        return TlsDefaults.supported().getProtocols();
    }

    @Override
    public synchronized String[] getEnabledProtocols() {
        return parameters.getProtocols();
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        parameters.setProtocols(protocols.clone());
    }

    @Override
    public synchronized void setUseClientMode(boolean mode) {
        clientMode = mode;
    }

    @Override
    public synchronized boolean getUseClientMode() {
        return clientMode;
    }

    @Override
    public synchronized void setNeedClientAuth(boolean need) {
        parameters.setNeedClientAuth(need);
    }

    @Override
    public synchronized boolean getNeedClientAuth() {
        return parameters.getNeedClientAuth();
    }

    @Override
    public synchronized void setWantClientAuth(boolean want) {
        parameters.setWantClientAuth(want);
    }

    @Override
    public synchronized boolean getWantClientAuth() {
        return parameters.getWantClientAuth();
    }

    @Override
    public synchronized void setEnableSessionCreation(boolean flag) {
        sessionCreation = flag;
    }

    @Override
    public synchronized boolean getEnableSessionCreation() {
        return sessionCreation;
    }
}
