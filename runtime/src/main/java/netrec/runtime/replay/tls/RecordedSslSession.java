package netrec.runtime.replay.tls;

import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionContext;

/**
 * The TLS session a replayed connection shows the application: the recorded protocol, cipher suite and server
 * certificate chain, so hostname verification and certificate pinning see what they saw when recording.
 */
public final class RecordedSslSession extends ExtendedSSLSession {
    private static final String[] SIGNATURE_ALGORITHMS = {"rsa_pss_rsae_sha256", "ecdsa_secp256r1_sha256",
        "rsa_pkcs1_sha256"};

    private final String host;
    private final int port;
    private final String protocol;
    private final String cipherSuite;
    private final X509Certificate[] chain;
    private final long created = System.currentTimeMillis();
    private final byte[] id;
    private final Map<String, Object> values = new ConcurrentHashMap<>();

    RecordedSslSession(String host, int port, String protocol, String cipherSuite, List<X509Certificate> chain) {
        this.host = host;
        this.port = port;
        this.protocol = protocol;
        this.cipherSuite = cipherSuite;
        this.chain = chain.toArray(new X509Certificate[0]);
        this.id = Integer.toHexString(System.identityHashCode(this)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] getId() {
        return id.clone();
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return null;
    }

    @Override
    public long getCreationTime() {
        return created;
    }

    @Override
    public long getLastAccessedTime() {
        return created;
    }

    @Override
    public void invalidate() {
        // nothing to invalidate: no session is cached
    }

    @Override
    public boolean isValid() {
        return true;
    }

    @Override
    public void putValue(String name, Object value) {
        values.put(name, value);
    }

    @Override
    public Object getValue(String name) {
        return values.get(name);
    }

    @Override
    public void removeValue(String name) {
        values.remove(name);
    }

    @Override
    public String[] getValueNames() {
        return values.keySet().toArray(new String[0]);
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        if (chain.length == 0) {
            throw new SSLPeerUnverifiedException("netrec: no server certificate was recorded for " + host + ":" + port);
        }
        return chain.clone();
    }

    @Override
    public Certificate[] getLocalCertificates() {
        return null;
    }

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public javax.security.cert.X509Certificate[] getPeerCertificateChain() {
        throw new UnsupportedOperationException("netrec: use getPeerCertificates()");
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        if (chain.length == 0) {
            throw new SSLPeerUnverifiedException("netrec: no server certificate was recorded for " + host + ":" + port);
        }
        return chain[0].getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        return null;
    }

    @Override
    public String getCipherSuite() {
        return cipherSuite;
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String getPeerHost() {
        return host;
    }

    @Override
    public int getPeerPort() {
        return port;
    }

    @Override
    public int getPacketBufferSize() {
        return 16709;
    }

    @Override
    public int getApplicationBufferSize() {
        return 16384;
    }

    @Override
    public String[] getLocalSupportedSignatureAlgorithms() {
        return SIGNATURE_ALGORITHMS.clone();
    }

    @Override
    public String[] getPeerSupportedSignatureAlgorithms() {
        return SIGNATURE_ALGORITHMS.clone();
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
        try {
            return List.of(new SNIHostName(host));
        } catch (IllegalArgumentException addressLiteral) {
            return List.of();
        }
    }

    @Override
    public List<byte[]> getStatusResponses() {
        return List.of();
    }
}
