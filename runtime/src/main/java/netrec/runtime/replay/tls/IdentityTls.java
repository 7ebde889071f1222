package netrec.runtime.replay.tls;

import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Replay's TLS: no handshake with anyone, the application's bytes pass through as they are, and the session shows
 * what was recorded (certificate chain, protocol, cipher suite, ALPN), so that hostname verification and certificate
 * pinning pass as they did when recording. Everything replay makes of TLS is made here.
 */
public final class IdentityTls {
    private IdentityTls() {
    }

    /** The session a recorded server showed, as replay shows it again. */
    public static RecordedSslSession session(String host, int port, String protocol, String cipherSuite,
            List<X509Certificate> chain) {
        return new RecordedSslSession(host, port, protocol, cipherSuite, chain);
    }

    /**
     * TLS over {@code plain}, a replayed connection to {@code host:port} (at {@code address}, or null), showing
     * {@code session} (null when the cassette has none for it) and the {@code applicationProtocols} recorded with its server.
     */
    public static SSLSocket socket(Socket plain, String host, int port, InetAddress address, boolean autoClose,
            RecordedSslSession session, List<String> applicationProtocols) {
        return new IdentitySslSocket(plain, host, port, address, autoClose, session, applicationProtocols);
    }

    /** An SSLEngine for a recorded server that frames the application's bytes as TLS records, unencrypted. */
    public static SSLEngine engine(String host, int port, RecordedSslSession session, List<String> applicationProtocols) {
        return new IdentitySslEngine(host, port, session, applicationProtocols);
    }

    /**
     * A TLS socket that connects later, through {@code factory}: an identity one if replay answers where it
     * connects, a real one otherwise.
     */
    public static SSLSocket connectingLater(SSLSocketFactory factory) {
        return new DeferredSslSocket(factory);
    }
}
