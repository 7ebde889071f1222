package netrec.runtime.replay;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The SSLEngine a replayed NIO client gets for a recorded server: no cryptography, the plaintext is carried in TLS
 * application-data records (5-byte header, at most 16 KiB each) because Netty and Jetty read record headers
 * before they unwrap. The replay server strips and adds the same framing.
 *
 * <p>The handshake is the shortest one clients accept (read from the JDK HttpClient's SSLFlowDelegate and Netty's
 * SslHandler): NOT_HANDSHAKING until it begins; then one result {@code (OK, NEED_TASK, 0, 0)} with one delegated
 * task that does nothing; after the task, NOT_HANDSHAKING, and the next wrap or unwrap reports FINISHED once. A first
 * result of FINISHED would leave the JDK HttpClient waiting for ALPN forever.
 */
final class IdentitySslEngine extends SSLEngine {
    static final int MAX_RECORD = 16 * 1024;
    static final int HEADER = 5;
    static final byte APPLICATION_DATA = 23;

    private enum Handshake { NOT_STARTED, TASK_PENDING, TASK_RUNNING, REPORT_FINISHED, DONE }

    private final RecordedSslSession session;
    private final String applicationProtocol;
    private Handshake handshake = Handshake.NOT_STARTED;
    private SSLParameters parameters = TlsDefaults.parameters();
    private boolean clientMode = true;
    private boolean sessionCreation = true;
    private boolean inboundDone;
    private boolean outboundDone;

    IdentitySslEngine(String host, int port, RecordedSslSession session, String applicationProtocol) {
        super(host, port);
        this.session = session;
        this.applicationProtocol = applicationProtocol;
    }

    @Override
    public synchronized SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination) {
        if (outboundDone) {
            return new SSLEngineResult(Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
        }
        SSLEngineResult handshaking = handshakeStep();
        if (handshaking != null) {
            return handshaking;
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
    public synchronized SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length) {
        if (inboundDone) {
            return new SSLEngineResult(Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
        }
        SSLEngineResult handshaking = handshakeStep();
        if (handshaking != null) {
            return handshaking;
        }
        if (source.remaining() < HEADER) {
            return new SSLEngineResult(Status.BUFFER_UNDERFLOW, afterStep(), 0, 0);
        }
        int start = source.position();
        int type = source.get(start);
        int payload = ((source.get(start + 3) & 0xff) << 8) | (source.get(start + 4) & 0xff);
        if (source.remaining() < HEADER + payload) {
            return new SSLEngineResult(Status.BUFFER_UNDERFLOW, afterStep(), 0, 0);
        }
        if (type != APPLICATION_DATA) {
            source.position(start + HEADER + payload);
            inboundDone = true;
            return new SSLEngineResult(Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, HEADER + payload, 0);
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

    /** The result to give while the handshake still needs its task, or null when data may flow. */
    private SSLEngineResult handshakeStep() {
        if (handshake == Handshake.NOT_STARTED) {
            handshake = Handshake.TASK_PENDING;
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
            handshake = Handshake.TASK_PENDING;
        }
    }

    @Override
    public synchronized HandshakeStatus getHandshakeStatus() {
        return handshake == Handshake.TASK_PENDING || handshake == Handshake.TASK_RUNNING
                ? HandshakeStatus.NEED_TASK : HandshakeStatus.NOT_HANDSHAKING;
    }

    @Override
    public SSLSession getSession() {
        return session;
    }

    @Override
    public synchronized SSLSession getHandshakeSession() {
        return handshake == Handshake.TASK_PENDING || handshake == Handshake.TASK_RUNNING ? session : null;
    }

    @Override
    public synchronized String getApplicationProtocol() {
        return handshake == Handshake.REPORT_FINISHED || handshake == Handshake.DONE ? applicationProtocol : null;
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
