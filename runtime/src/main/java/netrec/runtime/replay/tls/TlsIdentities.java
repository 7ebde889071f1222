package netrec.runtime.replay.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import netrec.cassette.Cassette;
import netrec.cassette.CertificateStore;
import netrec.cassette.Interaction;
import netrec.cassette.Tls;

/**
 * The TLS servers of a cassette, as replay stands in for them: each recorded server's session (its certificate
 * chain, protocol, cipher suite and ALPN choice), handed to the client by an identity socket or engine that does no
 * handshake and passes application bytes as they are. Hostname verification and pinning run against the recorded
 * chain, and pass as they did when recording.
 */
public final class TlsIdentities {
    private final Map<String, Tls> tlsByDestination = new HashMap<>();
    /** The application protocols each server chose when recorded, in recorded order, without repeats. */
    private final Map<String, List<String>> alpnByDestination = new HashMap<>();
    private final Map<String, RecordedSslSession> sessions = new HashMap<>();
    private final CertificateStore certificates;

    public TlsIdentities(Cassette cassette, CertificateStore certificates) {
        this.certificates = certificates;
        for (Interaction interaction : cassette.interactions()) {
            Tls tls = interaction.server().tls();
            if (tls != null) {
                String destination = destination(interaction.server().host(), interaction.server().port());
                tlsByDestination.put(destination, tls);
                List<String> chosen = alpnByDestination.computeIfAbsent(destination, d -> new ArrayList<>());
                if (!tls.applicationProtocol().isEmpty() && !chosen.contains(tls.applicationProtocol())) {
                    chosen.add(tls.applicationProtocol());
                }
            }
        }
    }

    /**
     * The TLS socket replay layers over {@code plain}, towards {@code host:port} reached at {@code address} (null
     * when unknown).
     */
    public Socket layer(Socket plain, String host, int port, InetAddress address, boolean autoClose) {
        Tls tls = tlsByDestination.get(destination(host, port));
        return IdentityTls.socket(plain, host, port, address, autoClose, session(host, port, tls),
                alpn(host, port));
    }

    /** An identity SSLEngine for a recorded TLS server, or null to let the JDK make a real one. */
    public SSLEngine engine(String host, int port) {
        Tls tls = tlsByDestination.get(destination(host, port));
        if (tls == null) {
            return null;
        }
        return IdentityTls.engine(host, port, session(host, port, tls), alpn(host, port));
    }

    /** The application protocols {@code host:port} chose when recorded; none when it was not TLS, or chose none. */
    private List<String> alpn(String host, int port) {
        return alpnByDestination.getOrDefault(destination(host, port), List.of());
    }

    /**
     * The TLS socket to return from a factory's own-connecting {@code createSocket} forms: {@code arguments} are
     * empty (unconnected), {@code (host, port)} or {@code (host, port, localAddress, localPort)}, host a String or
     * an InetAddress. Its connect goes through replay like any other.
     */
    public Socket connecting(SSLSocketFactory factory, Object[] arguments) throws IOException {
        SSLSocket socket = IdentityTls.connectingLater(factory);
        if (arguments.length >= 2) {
            if (arguments.length == 4) {
                socket.bind(new InetSocketAddress((InetAddress) arguments[2], (Integer) arguments[3]));
            }
            Object host = arguments[0];
            int port = (Integer) arguments[1];
            socket.connect(host instanceof InetAddress ? new InetSocketAddress((InetAddress) host, port)
                    : new InetSocketAddress((String) host, port));
        }
        return socket;
    }

    private synchronized RecordedSslSession session(String host, int port, Tls tls) {
        if (tls == null) {
            return null;
        }
        String key = destination(host, port);
        RecordedSslSession session = sessions.get(key);
        if (session == null) {
            List<X509Certificate> chain = tls.certificates().isEmpty() ? List.of() : certificates.load(tls.certificates());
            session = IdentityTls.session(host, port, tls.protocol(), tls.cipherSuite(), chain);
            sessions.put(key, session);
        }
        return session;
    }

    private static String destination(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
