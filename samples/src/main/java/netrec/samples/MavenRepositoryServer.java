package netrec.samples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maven repositories over HTTPS on loopback, for recording builds without the internet: WireMock serves
 * {@code /NAME/...} from a repository layout on disk, such as a local repository (~/.m2/repository). Checksums
 * ({@code .sha1}, {@code .md5}) are computed from the file; a local repository's
 * {@code maven-metadata-central.xml} answers for {@code maven-metadata.xml}; anything else is a 404.
 * Arguments: PORT KEYSTORE PASSWORD NAME=DIR... (PORT 0 picks one; the URL of each repository is printed).
 */
public final class MavenRepositoryServer {
    private MavenRepositoryServer() {
    }

    public static void main(String[] args) {
        Map<String, Path> roots = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] nameAndDirectory = args[i].split("=", 2);
            roots.put(nameAndDirectory[0], Paths.get(nameAndDirectory[1]));
        }
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .httpsPort(Integer.parseInt(args[0]))
                .keystorePath(args[1])
                .keystorePassword(args[2])
                .keyManagerPassword(args[2])
                .keystoreType("PKCS12")
                .notifier(new Slf4jNotifier(false))
                .extensions(new RepositoryFiles(roots)));
        server.start();
        server.stubFor(any(urlMatching("/.*")).willReturn(aResponse().withStatus(404)));
        for (String name : roots.keySet()) {
            System.out.println("repository " + name + " at https://localhost:" + server.httpsPort() + "/" + name);
        }
        System.out.println("listening");
    }

    /** Answers each request from the files under the roots. */
    private static final class RepositoryFiles implements ResponseDefinitionTransformerV2 {
        private final Map<String, Path> roots;

        RepositoryFiles(Map<String, Path> roots) {
            this.roots = roots;
        }

        @Override
        public String getName() {
            return "repository-files";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String url = event.getRequest().getUrl().replaceFirst("\\?.*", "");
            int slash = url.indexOf('/', 1);
            Path root = slash < 0 ? null : roots.get(url.substring(1, slash));
            if (root == null || url.contains("..")) {
                return notFound();
            }
            String path = url.substring(slash + 1);
            byte[] body = file(root, path);
            if (body == null && (path.endsWith(".sha1") || path.endsWith(".md5"))) {
                byte[] artifact = file(root, path.substring(0, path.lastIndexOf('.')));
                body = artifact == null ? null : checksum(artifact, path.endsWith(".sha1") ? "SHA-1" : "MD5");
            }
            if (body == null && path.endsWith("maven-metadata.xml")) {
                body = file(root, path.replace("maven-metadata.xml", "maven-metadata-central.xml"));
            }
            if (body == null) {
                return notFound();
            }
            return aResponse().withStatus(200).withHeader("Content-Type", contentType(path)).withBody(body).build();
        }

        private static byte[] file(Path root, String path) {
            Path file = root.resolve(path);
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static byte[] checksum(byte[] artifact, String algorithm) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(artifact))
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String contentType(String path) {
            return path.endsWith(".xml") || path.endsWith(".pom") ? "text/xml" : path.endsWith(".jar")
                    ? "application/java-archive" : "application/octet-stream";
        }

        private static ResponseDefinition notFound() {
            return aResponse().withStatus(404).build();
        }
    }
}
