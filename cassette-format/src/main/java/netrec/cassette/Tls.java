package netrec.cassette;

import java.util.Objects;

/**
 * What the TLS handshake of a connection settled, so that replay can show the application the same session
 * without any handshake: protocol ({@code TLSv1.3}), cipher suite, ALPN value (empty when none was negotiated) and
 * the server's certificate chain, kept beside the YAML as PEM in {@code certificates/<sha256>.pem}.
 */
public final class Tls {
    private final String protocol;
    private final String cipherSuite;
    private final String applicationProtocol;
    private final String certificates;

    public Tls(String protocol, String cipherSuite, String applicationProtocol, String certificates) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.cipherSuite = Objects.requireNonNull(cipherSuite, "cipherSuite");
        this.applicationProtocol = applicationProtocol == null ? "" : applicationProtocol;
        this.certificates = certificates == null ? "" : certificates;
    }

    public String protocol() {
        return protocol;
    }

    public String cipherSuite() {
        return cipherSuite;
    }

    public String applicationProtocol() {
        return applicationProtocol;
    }

    /** SHA-256 of the PEM file holding the server's chain; empty when the server sent none. */
    public String certificates() {
        return certificates;
    }
}
