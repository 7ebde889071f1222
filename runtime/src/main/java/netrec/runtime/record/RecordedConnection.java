package netrec.runtime.record;

import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A connection being recorded: created on the application's thread when it connects (or layers TLS), read by the
 * writer thread. Fields the writer reads are set before the first event that needs them is queued.
 */
public final class RecordedConnection {
    /** The connections this JVM began, counted: each one's number, in the order they connected. */
    private static final AtomicInteger CONNECTS = new AtomicInteger();

    private final int number;
    private final String host;
    private final int port;
    private final String address;
    private final boolean tls;
    private final String via;
    private volatile boolean carriesTls;
    private volatile boolean sentBefore;
    private volatile RecordedConnection layered;
    private volatile SSLSession session;
    private volatile String applicationProtocol;

    public RecordedConnection(String host, int port, String address, boolean tls) {
        this(host, port, address, tls, "");
    }

    /** A connection that went through the tunnel of the proxy at {@code via} ({@code host:port}, empty if none). */
    public RecordedConnection(String host, int port, String address, boolean tls, String via) {
        this(CONNECTS.incrementAndGet(), host, port, address, tls, via);
    }

    private RecordedConnection(int number, String host, int port, String address, boolean tls, String via) {
        this.number = number;
        this.host = host;
        this.port = port;
        this.address = address == null ? "" : address;
        this.tls = tls;
        this.via = via;
    }

    /**
     * The TLS connection layered on this one towards {@code tlsHost:tlsPort}; when those differ from this
     * connection's own, this connection is a proxy's tunnel.
     */
    public RecordedConnection layerTls(String tlsHost, int tlsPort) {
        startCarryingTls();
        boolean tunnel = !tlsHost.equalsIgnoreCase(host) || tlsPort != port;
        layered = new RecordedConnection(number, tlsHost, tlsPort, address, true, tunnel ? host + ":" + port : "");
        return layered;
    }

    /** The TLS connection layered on this one, or null. */
    public RecordedConnection layered() {
        return layered;
    }

    /** Its number in this JVM, from 1 in the order connections connected; TLS layered on a connection keeps its number. */
    public int number() {
        return number;
    }

    public String via() {
        return via;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String address() {
        return address;
    }

    /** True when this connection's bytes are TLS plaintext. */
    public boolean tls() {
        return tls;
    }

    /** Marks a plain connection that now carries TLS: its bytes are ciphertext and are recorded one layer up. */
    public void startCarryingTls() {
        carriesTls = true;
    }

    public boolean carriesTls() {
        return carriesTls;
    }

    /** Whether the client has sent nothing on this connection yet. */
    public boolean nothingSent() {
        return !sentBefore;
    }

    /** The client has sent bytes on this connection. */
    public void sentNow() {
        sentBefore = true;
    }

    /** Notes the TLS session the first time application data moves; the handshake is complete by then. */
    public void noteSession(SSLSocket socket) {
        if (session == null) {
            noteSession(socket.getSession(), socket.getApplicationProtocol());
        }
    }

    /** Notes the TLS session and the negotiated ALPN value (null or empty when none). */
    public void noteSession(SSLSession handshaken, String alpn) {
        if (session == null) {
            applicationProtocol = alpn;
            session = handshaken;
        }
    }

    public boolean sessionNoted() {
        return session != null;
    }

    SSLSession session() {
        return session;
    }

    String applicationProtocol() {
        return applicationProtocol;
    }

    @Override
    public String toString() {
        return host + ":" + port + (tls ? " (TLS)" : "");
    }
}
