package netrec.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An npm registry on loopback over HTTPS (WireMock, the test certificate) serving packages that {@code npm pack}
 * made from sources the test writes: each package's document (its versions, each tarball's URL, integrity and
 * SHA-1) and its tarball, as registry.npmjs.org answers {@code npm install}.
 */
public final class NpmRegistry implements AutoCloseable {
    private final WireMockServer server;
    private final Path work;

    private NpmRegistry(WireMockServer server, Path work) {
        this.server = server;
        this.work = work;
    }

    public static NpmRegistry start(Path work) throws IOException {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(0)
                .httpsPort(0).httpDisabled(true).keystorePath(TestCertificates.keyStore().toString())
                .keystorePassword(TestCertificates.PASSWORD).keyManagerPassword(TestCertificates.PASSWORD)
                .keystoreType("PKCS12").notifier(new Slf4jNotifier(false)));
        server.start();
        return new NpmRegistry(server, Files.createDirectories(work));
    }

    /** The registry's URL, for {@code npm --registry}. */
    public String url() {
        return "https://localhost:" + server.httpsPort() + "/";
    }

    /** Packs a package of one file, {@code index.js} exporting {@code value}, and serves it as {@code version}. */
    public void publish(String name, String version, String value) throws IOException, InterruptedException {
        Path sources = Files.createDirectories(work.resolve("sources").resolve(name));
        Files.writeString(sources.resolve("package.json"), "{\"name\":\"" + name + "\",\"version\":\"" + version
                + "\",\"main\":\"index.js\",\"license\":\"MIT\"}\n");
        Files.writeString(sources.resolve("index.js"), "module.exports = " + value + ";\n");
        Path packed = Files.createDirectories(work.resolve("packed"));
        Process pack = new ProcessBuilder("npm", "pack", "--pack-destination", packed.toString()).directory(
                sources.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (pack.waitFor() != 0) {
            throw new IOException("npm pack failed for " + name);
        }
        byte[] tarball = Files.readAllBytes(packed.resolve(name + "-" + version + ".tgz"));
        String tarballPath = "/" + name + "/-/" + name + "-" + version + ".tgz";
        String document = "{\"name\":\"" + name + "\",\"dist-tags\":{\"latest\":\"" + version + "\"},"
                + "\"versions\":{\"" + version + "\":{\"name\":\"" + name + "\",\"version\":\"" + version + "\","
                + "\"main\":\"index.js\",\"dist\":{\"tarball\":\"" + url() + tarballPath.substring(1) + "\","
                + "\"integrity\":\"sha512-" + Base64.getEncoder().encodeToString(digest("SHA-512", tarball)) + "\","
                + "\"shasum\":\"" + HexFormat.of().formatHex(digest("SHA-1", tarball)) + "\"}}}}";
        server.stubFor(get(urlPathEqualTo("/" + name)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(document)));
        server.stubFor(get(urlPathEqualTo(tarballPath)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(tarball)));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
