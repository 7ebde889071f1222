package netrec.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The real server recordings are made against: WireMock on loopback, plain HTTP and HTTPS with the test certificate,
 * serving the shapes of response a client meets: small JSON, a 1 MiB binary, a gzip body, a chunked body, a POST,
 * a redirect, many small responses for keep-alive, and one that sets a secret cookie.
 */
public final class TestServer implements AutoCloseable {
    public static final String JSON = "{\"name\":\"netrec\",\"items\":[1,2,3]}";
    public static final String SECRET_TOKEN = "secret-token-123";
    public static final String SECRET_COOKIE = "secret-cookie-456";

    private final WireMockServer server;

    private TestServer(WireMockServer server) {
        this.server = server;
    }

    public static TestServer start(Path files) throws IOException {
        Files.createDirectories(files.resolve("__files"));
        Files.writeString(files.resolve("__files").resolve("chunked.txt"), "chunk of text\n".repeat(8000));
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .port(0)
                .httpsPort(0)
                .keystorePath(TestCertificates.keyStore().toString())
                .keystorePassword(TestCertificates.PASSWORD)
                .keyManagerPassword(TestCertificates.PASSWORD)
                .keystoreType("PKCS12")
                .usingFilesUnderDirectory(files.toString())
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.BODY_FILE)
                .notifier(new Slf4jNotifier(false)));
        server.start();
        stub(server);
        return new TestServer(server);
    }

    public String http() {
        return "http://localhost:" + server.port();
    }

    /** The binary body's size. */
    public static final int BINARY_BYTES = 1024 * 1024;

    public String https() {
        return "https://localhost:" + server.httpsPort();
    }

    /**
     * Bytes of the binary body: 1 MiB, well past what any layer holds at once (a TLS record, HTTP/2's first flow
     * control window, a socket's buffers, the YAML's inline limit), so that it streams in many reads.
     */
    public static byte[] binary() {
        byte[] bytes = new byte[BINARY_BYTES];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** Bytes of the gzip body, as sent (compressed). */
    public static byte[] gzip() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write("compressed text, ".repeat(500).getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int requestCount() {
        return server.getAllServeEvents().size();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static void stub(WireMockServer server) {
        server.stubFor(get(urlEqualTo("/json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Scenario", "json").withBody(JSON)));
        // a head over 4,096 bytes, HPACK's usual limit, which HTTP/2 allows (a real server sent one of 4,261)
        server.stubFor(get(urlEqualTo("/large-head")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withHeader("X-Scenario", "large " + "h".repeat(5000))
                .withBody("a large head")));
        server.stubFor(get(urlEqualTo("/binary")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(binary())));
        server.stubFor(get(urlEqualTo("/gzip")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withHeader("Content-Encoding", "gzip").withBody(gzip())));
        server.stubFor(get(urlEqualTo("/chunked")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBodyFile("chunked.txt")));
        server.stubFor(post(urlEqualTo("/echo")).withRequestBody(equalTo("name=netrec&n=1"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "text/plain")
                        .withBody("created name=netrec")));
        server.stubFor(get(urlEqualTo("/redirect")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/json")));
        server.stubFor(get(urlPathMatching("/(keepalive|loop|c)/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withHeader("X-Scenario", "small").withBody("small body")));
        server.stubFor(get(urlPathMatching("/echo-path/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("path={{request.path}}")
                .withTransformers("response-template")));
        server.stubFor(post(urlPathMatching("/events")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"accepted\":true}")));
        server.stubFor(get(urlEqualTo("/secret")).withHeader("Authorization", equalTo("Bearer " + SECRET_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Set-Cookie", "session=" + SECRET_COOKIE)
                        .withHeader("Content-Type", "text/plain").withBody("welcome")));
    }
}
