package netrec.agent.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * The environment that sends a command's programs that are not JVMs through the {@link ChildrenProxy} and has them
 * trust its run's authority, in the variables each already reads: the proxy in {@code http_proxy} and
 * {@code https_proxy} (both cases; loopback too, as JVMs record it; what {@code no_proxy} names, if anything, stays
 * direct and unrecorded), the authority beside the system's
 * trusted certificates in {@code SSL_CERT_FILE} and {@code CURL_CA_BUNDLE} (curl, OpenSSL, python),
 * {@code GIT_SSL_CAINFO}, {@code REQUESTS_CA_BUNDLE}, {@code PIP_CERT} and {@code npm_config_cafile} (which
 * outranks a {@code cafile} in an npmrc, as Debian's has), alone in {@code NODE_EXTRA_CA_CERTS} (node adds it to
 * its own), and in a {@code WGETRC} that keeps what the user's own said. JVMs read none of
 * these: they keep netrec's in-process path.
 */
final class ProxyEnvironment {
    /** Where the system keeps its trusted certificates, by distribution; the first that exists is taken. */
    private static final List<String> SYSTEM_BUNDLES = List.of("/etc/ssl/certs/ca-certificates.crt",
            "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem", "/etc/ssl/cert.pem");

    private ProxyEnvironment() {
    }

    /** Sets the variables in {@code environment}, writing the files they name into {@code files}. */
    static void give(Map<String, String> environment, int port, String authorityPem, Path files)
            throws IOException {
        String proxy = "http://127.0.0.1:" + port;
        for (String name : List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")) {
            environment.put(name, proxy);
        }

        Path authority = Files.writeString(files.resolve("netrec-run-authority.pem"), authorityPem);
        String base = environment.get("SSL_CERT_FILE");
        if (base == null) {
            base = SYSTEM_BUNDLES.stream().filter(bundle -> Files.isReadable(Paths.get(bundle))).findFirst()
                    .orElse(null);
        }
        Path bundle = files.resolve("trusted-with-netrec-run-authority.pem");
        Files.writeString(bundle, (base == null ? "" : Files.readString(Paths.get(base), StandardCharsets.ISO_8859_1)
                + "\n") + authorityPem, StandardCharsets.ISO_8859_1);
        for (String name : List.of("SSL_CERT_FILE", "CURL_CA_BUNDLE", "GIT_SSL_CAINFO", "REQUESTS_CA_BUNDLE",
                "PIP_CERT", "npm_config_cafile")) {
            environment.put(name, bundle.toString());
        }
        String nodeExtra = environment.get("NODE_EXTRA_CA_CERTS");
        if (nodeExtra != null && Files.isReadable(Paths.get(nodeExtra))) {
            Path both = files.resolve("node-extra-with-netrec-run-authority.pem");
            Files.writeString(both, Files.readString(Paths.get(nodeExtra), StandardCharsets.ISO_8859_1) + "\n"
                    + authorityPem, StandardCharsets.ISO_8859_1);
            environment.put("NODE_EXTRA_CA_CERTS", both.toString());
        } else {
            environment.put("NODE_EXTRA_CA_CERTS", authority.toString());
        }
        environment.put("WGETRC", wgetrc(environment, bundle, files).toString());
    }

    /** The user's own wgetrc ({@code WGETRC}, else {@code ~/.wgetrc}) with the bundle as wget's CA file. */
    private static Path wgetrc(Map<String, String> environment, Path bundle, Path files) throws IOException {
        String own = environment.get("WGETRC");
        Path users = own != null ? Paths.get(own) : Paths.get(System.getProperty("user.home"), ".wgetrc");
        String kept = Files.isReadable(users) ? Files.readString(users, StandardCharsets.ISO_8859_1) + "\n" : "";
        return Files.writeString(files.resolve("wgetrc"), kept + "ca_certificate = " + bundle + "\n",
                StandardCharsets.ISO_8859_1);
    }
}
