package netrec.runtime.replay.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket replay hands out when an application asks the JDK's factory for one that connects by itself
 * ({@code createSocket()} then {@code connect}, as HttpsURLConnection does, or {@code createSocket(host, port)}).
 * Where it will connect is unknown until {@code connect}, so it connects a plain socket first (which replay
 * redirects when the server is recorded) and then layers TLS over it through the application's own factory: that
 * gives an identity TLS socket for a replayed server and a real one for anything else. From then on it forwards
 * everything to that socket. TLS settings made before connecting are kept and applied.
 */
final class DeferredSslSocket extends PlainBackedSslSocket {
    private final SSLSocketFactory factory;
    private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();
    private volatile SSLSocket tls;
    private SSLParameters pending = TlsDefaults.parameters();
    private boolean clientMode = true;
    private boolean sessionCreation = true;

    DeferredSslSocket(SSLSocketFactory factory) {
        super(new Socket());
        this.factory = factory;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public synchronized void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (!(endpoint instanceof InetSocketAddress)) {
            throw new IllegalArgumentException("unsupported address type " + endpoint);
        }
        plain.connect(endpoint, timeout);
        InetSocketAddress target = (InetSocketAddress) endpoint;
        SSLSocket layered = (SSLSocket) factory.createSocket(plain, target.getHostString(), target.getPort(), true);
        layered.setUseClientMode(clientMode);
        layered.setEnableSessionCreation(sessionCreation);
        layered.setSSLParameters(pending);
        for (HandshakeCompletedListener listener : listeners) {
            layered.addHandshakeCompletedListener(listener);
        }
        tls = layered;
    }

    private SSLSocket connected() throws SocketException {
        SSLSocket current = tls;
        if (current == null) {
            throw new SocketException("Socket is not connected");
        }
        return current;
    }

    @Override
    public void startHandshake() throws IOException {
        connected().startHandshake();
    }

    @Override
    public SSLSession getSession() {
        SSLSocket current = tls;
        return current == null ? failedSession() : current.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        SSLSocket current = tls;
        return current == null ? null : current.getHandshakeSession();
    }

    @Override
    public String getApplicationProtocol() {
        SSLSocket current = tls;
        return current == null ? null : current.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        SSLSocket current = tls;
        return current == null ? null : current.getHandshakeApplicationProtocol();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return connected().getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return connected().getOutputStream();
    }

    @Override
    public synchronized SSLParameters getSSLParameters() {
        SSLSocket current = tls;
        return current == null ? TlsDefaults.copy(pending) : current.getSSLParameters();
    }

    @Override
    public synchronized void setSSLParameters(SSLParameters parameters) {
        SSLSocket current = tls;
        if (current == null) {
            pending = TlsDefaults.copy(parameters);
        } else {
            current.setSSLParameters(parameters);
        }
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return TlsDefaults.supported().getCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return TlsDefaults.supported().getProtocols();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return getSSLParameters().getCipherSuites();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        SSLParameters parameters = getSSLParameters();
        parameters.setCipherSuites(suites);
        setSSLParameters(parameters);
    }

    @Override
    public String[] getEnabledProtocols() {
        return getSSLParameters().getProtocols();
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        SSLParameters parameters = getSSLParameters();
        parameters.setProtocols(protocols);
        setSSLParameters(parameters);
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        SSLSocket current = tls;
        if (current == null) {
            listeners.add(listener);
        } else {
            current.addHandshakeCompletedListener(listener);
        }
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        listeners.remove(listener);
        SSLSocket current = tls;
        if (current != null) {
            current.removeHandshakeCompletedListener(listener);
        }
    }

    @Override
    public synchronized void setUseClientMode(boolean mode) {
        clientMode = mode;
        if (tls != null) {
            tls.setUseClientMode(mode);
        }
    }

    @Override
    public boolean getUseClientMode() {
        return clientMode;
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        SSLParameters parameters = getSSLParameters();
        parameters.setNeedClientAuth(need);
        setSSLParameters(parameters);
    }

    @Override
    public boolean getNeedClientAuth() {
        return getSSLParameters().getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        SSLParameters parameters = getSSLParameters();
        parameters.setWantClientAuth(want);
        setSSLParameters(parameters);
    }

    @Override
    public boolean getWantClientAuth() {
        return getSSLParameters().getWantClientAuth();
    }

    @Override
    public synchronized void setEnableSessionCreation(boolean flag) {
        sessionCreation = flag;
        if (tls != null) {
            tls.setEnableSessionCreation(flag);
        }
    }

    @Override
    public boolean getEnableSessionCreation() {
        return sessionCreation;
    }

    // ---- java.net.Socket: the TLS socket once connected, the plain socket until then ----

    private Socket current() {
        SSLSocket current = tls;
        return current == null ? plain : current;
    }

    @Override
    public InetAddress getInetAddress() {
        return current().getInetAddress();
    }

    @Override
    public int getPort() {
        return current().getPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return current().getRemoteSocketAddress();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        current().setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return current().getSoTimeout();
    }

    @Override
    public void shutdownInput() throws IOException {
        current().shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        current().shutdownOutput();
    }

    @Override
    public boolean isClosed() {
        return current().isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return current().isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return current().isOutputShutdown();
    }

    @Override
    public synchronized void close() throws IOException {
        current().close();
        plain.close();
    }

    @Override
    public String toString() {
        return "netrec deferred TLS socket: " + current();
    }
}
