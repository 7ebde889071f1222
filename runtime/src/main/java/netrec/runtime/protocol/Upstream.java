package netrec.runtime.protocol;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Update mode's own connection to the real server a replayed connection meant to reach, for what the cassette lacks:
 * made on netrec's thread, which the JVM's hooks leave alone, with the JVM's default TLS context (its trust store,
 * as the application's connections have by default), the server's certificate checked to name the server.
 */
public final class Upstream {
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;

    private Upstream() {
    }

    /**
     * A connection to the server {@code connection} meant to reach, TLS when its bytes are TLS plaintext, with the
     * handshake done and, when {@code applicationProtocol} is not null, that protocol agreed in it (ALPN).
     */
    public static Socket open(ClientConnection connection, String applicationProtocol) throws IOException {
        InetSocketAddress target = new InetSocketAddress(connection.host(), connection.port());
        Socket plain = new Socket();
        try {
            plain.connect(target, CONNECT_TIMEOUT_MILLIS);
            if (!connection.tls()) {
                return plain;
            }
            SSLSocket tls = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(plain,
                    target.getHostString(), target.getPort(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the server
            if (applicationProtocol != null) {
                parameters.setApplicationProtocols(new String[] {applicationProtocol});
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            if (applicationProtocol != null && !applicationProtocol.equals(tls.getApplicationProtocol())) {
                tls.close();
                throw new IOException("the server did not agree to " + applicationProtocol + " in its TLS handshake");
            }
            return tls;
        } catch (NoSuchAlgorithmException e) {
            plain.close();
            throw new IOException("this JVM has no default TLS context", e);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }
}
