package netrec.runtime.replay.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The TLS socket a replayed client gets: no handshake with anyone, application bytes pass through to the replay
 * server as they are, and the session is the recorded one. Every {@link Socket} method is answered here or by the
 * plain socket underneath; the superclass's own socket is never used.
 */
final class IdentitySslSocket extends PlainBackedSslSocket {
    private final String host;
    private final int port;
    private final InetAddress address;
    private final boolean autoClose;
    private final RecordedSslSession session;
    private final List<String> applicationProtocols;
    private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();
    private volatile SSLParameters parameters;
    private volatile boolean handshaken;
    private volatile boolean closed;
    private boolean clientMode = true;
    private boolean sessionCreation = true;

    /** {@code session} null means nothing was recorded for this server: the handshake fails with netrec's reason. */
    IdentitySslSocket(Socket plain, String host, int port, InetAddress address, boolean autoClose,
            RecordedSslSession session, List<String> applicationProtocols) {
        super(plain);
        this.host = host;
        this.port = port;
        this.address = address;
        this.autoClose = autoClose;
        this.session = session;
        this.applicationProtocols = applicationProtocols;
        this.parameters = TlsDefaults.parameters();
    }

    @Override
    public void startHandshake() throws IOException {
        if (handshaken) {
            return;
        }
        if (session == null) {
            throw new SSLHandshakeException("netrec: the cassette has no TLS session recorded for " + host + ":" + port
                    + "; record this server first");
        }
        handshaken = true;
        HandshakeCompletedEvent event = new HandshakeCompletedEvent(this, session);
        for (HandshakeCompletedListener listener : listeners) {
            listener.handshakeCompleted(event);
        }
    }

    @Override
    public SSLSession getSession() {
        try {
            startHandshake();
        } catch (IOException e) {
            return failedSession();
        }
        return session;
    }

    @Override
    public SSLSession getHandshakeSession() {
        return null;
    }

    @Override
    public String getApplicationProtocol() {
        return handshaken ? Alpn.choose(applicationProtocols, parameters.getApplicationProtocols()) : null;
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return null;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        startHandshake();
        return plain.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        startHandshake();
        return plain.getOutputStream();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return TlsDefaults.copy(parameters);
    }

    @Override
    public void setSSLParameters(SSLParameters newParameters) {
        this.parameters = TlsDefaults.copy(newParameters);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return TlsDefaults.supported().getCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return parameters.getCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        parameters.setCipherSuites(suites.clone());
    }

    @Override
    public String[] getSupportedProtocols() {
        return TlsDefaults.supported().getProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return parameters.getProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        parameters.setProtocols(protocols.clone());
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void setUseClientMode(boolean mode) {
        clientMode = mode;
    }

    @Override
    public boolean getUseClientMode() {
        return clientMode;
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        parameters.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return parameters.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        parameters.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return parameters.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        sessionCreation = flag;
    }

    @Override
    public boolean getEnableSessionCreation() {
        return sessionCreation;
    }

    // ---- java.net.Socket, answered by the plain socket underneath ----

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        plain.connect(endpoint);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        plain.connect(endpoint, timeout);
    }

    @Override
    public InetAddress getInetAddress() {
        return address != null ? address : plain.getInetAddress();
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        InetAddress remote = getInetAddress();
        return remote == null ? null : new InetSocketAddress(remote, port);
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        plain.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return plain.getSoTimeout();
    }

    @Override
    public void shutdownInput() throws IOException {
        throw new UnsupportedOperationException("The method shutdownInput() is not supported in SSLSocket");
    }

    @Override
    public void shutdownOutput() throws IOException {
        throw new UnsupportedOperationException("The method shutdownOutput() is not supported in SSLSocket");
    }

    @Override
    public boolean isClosed() {
        return closed || plain.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return plain.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return plain.isOutputShutdown();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (autoClose || plain.isClosed()) {
            plain.close();
        }
    }

    @Override
    public String toString() {
        return "netrec replayed TLS socket to " + host + ":" + port;
    }
}
