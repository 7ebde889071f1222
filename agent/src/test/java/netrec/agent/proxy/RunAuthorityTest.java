package netrec.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The authority made for one run: its certificates are what a strict TLS client accepts for the server named. */
class RunAuthorityTest {
    private final RunAuthority authority = RunAuthority.create();

    RunAuthorityTest() throws Exception {
    }

    @Test
    void itsOwnCertificateIsAnAuthoritySignedByItself() throws Exception {
        X509Certificate certificate = authority.certificate();
        certificate.verify(certificate.getPublicKey());
        assertTrue(certificate.getBasicConstraints() >= 0, "marked as an authority");
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        X509Certificate fromPem = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(authority.pem().getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(certificate.getEncoded(), fromPem.getEncoded());
    }

    @Test
    void aClientThatTrustsOnlyTheAuthorityAcceptsTheServerByName() throws Exception {
        assertEquals("hello over TLS", exchange("repo.example.org", "repo.example.org"));
    }

    @Test
    void anAddressIsCertifiedAsAnAddress() throws Exception {
        assertEquals("hello over TLS", exchange("127.0.0.1", "127.0.0.1"));
    }

    @Test
    void theServerIsNotAcceptedUnderAnotherName() {
        assertThrows(SSLHandshakeException.class, () -> exchange("repo.example.org", "other.example.org"));
    }

    @Test
    void eachServerGetsACertificateForItsOwnName() throws Exception {
        X509Certificate server = serverCertificate("repo.example.org");
        server.verify(authority.certificate().getPublicKey());
        assertEquals(-1, server.getBasicConstraints(), "not an authority");
        assertEquals(List.of(List.of(2, "repo.example.org")), List.copyOf(server.getSubjectAlternativeNames()).stream()
                .map(List::copyOf).collect(java.util.stream.Collectors.toList()));
        assertTrue(server.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "for TLS servers");
    }

    /** The certificate the proxy shows for {@code host}, from a handshake. */
    private X509Certificate serverCertificate(String host) throws Exception {
        CompletableFuture<X509Certificate> seen = new CompletableFuture<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> serveOnce(server, host));
            try (SSLSocket client = (SSLSocket) clientContext().getSocketFactory().createSocket(
                    InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                client.startHandshake();
                seen.complete((X509Certificate) client.getSession().getPeerCertificates()[0]);
            }
        }
        return seen.get();
    }

    /** One line from a server certified for {@code served}, read by a client checking it as {@code asked}. */
    private String exchange(String served, String asked) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> serveOnce(server, served));
            Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            try (SSLSocket client = (SSLSocket) clientContext().getSocketFactory().createSocket(plain, asked,
                    server.getLocalPort(), true)) {
                SSLParameters parameters = client.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(parameters);
                return new String(client.getInputStream().readNBytes(14), StandardCharsets.US_ASCII);
            }
        }
    }

    private void serveOnce(ServerSocket server, String host) {
        try (Socket accepted = server.accept();
                SSLSocket tls = (SSLSocket) authority.serverContext(host).getSocketFactory()
                        .createSocket(accepted, (InputStream) null, true)) {
            tls.setUseClientMode(false);
            OutputStream out = tls.getOutputStream();
            out.write("hello over TLS".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            tls.getInputStream().read();
        } catch (Exception e) {
            // the client refused the certificate: the test says so
        }
    }

    /** A client that trusts the run's authority and nothing else. */
    private SSLContext clientContext() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("run", authority.certificate());
        TrustManagerFactory managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        managers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, managers.getTrustManagers(), null);
        return context;
    }
}
