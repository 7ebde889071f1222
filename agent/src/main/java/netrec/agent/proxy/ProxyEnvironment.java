package netrec.agent.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The environment that sends a command's programs that are not JVMs through the {@link ChildrenProxy} and has them
 * trust its run's authority, in the variables each already reads: the proxy in {@code http_proxy} and
 * {@code https_proxy} (their upper-case forms too where they were set; loopback too, as JVMs record it; what
 * {@code no_proxy} names, if anything, stays direct and unrecorded), the authority beside the system's (or the
 * user's own bundles') trusted certificates in {@code SSL_CERT_FILE} and {@code CURL_CA_BUNDLE} (curl, OpenSSL, python),
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

    /**
     * Sets the variables in {@code environment}, writing the files they name into {@code files}; all of them or,
     * should a file fail to be written, none.
     */
    static void give(Map<String, String> environment, String proxyUrl, String authorityPem, Path files)
            throws IOException {
        Map<String, String> given = new LinkedHashMap<>();
        // lower case, as curl and wget read them; the upper-case forms only where they were set (npm reads those
        // first), so that fewer libraries of the command's JVMs, which would not trust the run's authority, see it
        for (String name : List.of("http_proxy", "https_proxy")) {
            given.put(name, proxyUrl);
            String upper = name.toUpperCase(Locale.ROOT);
            if (environment.containsKey(upper)) {
                given.put(upper, proxyUrl);
            }
        }
        Path authority = Files.writeString(files.resolve("netrec-run-authority.pem"), authorityPem);
        StringBuilder trusted = new StringBuilder();
        Set<String> bundles = new LinkedHashSet<>();
        for (String name : List.of("SSL_CERT_FILE", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE")) {
            if (environment.get(name) != null && Files.isReadable(Paths.get(environment.get(name)))) {
                bundles.add(environment.get(name)); // the user's own, kept
            }
        }
        if (bundles.isEmpty()) {
            SYSTEM_BUNDLES.stream().filter(bundle -> Files.isReadable(Paths.get(bundle))).findFirst()
                    .ifPresent(bundles::add);
        }
        for (String file : bundles) {
            trusted.append(Files.readString(Paths.get(file), StandardCharsets.ISO_8859_1)).append('\n');
        }
        Path bundle = Files.writeString(files.resolve("trusted-with-netrec-run-authority.pem"),
                trusted + authorityPem, StandardCharsets.ISO_8859_1);
        for (String name : List.of("SSL_CERT_FILE", "CURL_CA_BUNDLE", "GIT_SSL_CAINFO", "REQUESTS_CA_BUNDLE",
                "PIP_CERT", "npm_config_cafile")) {
            given.put(name, bundle.toString());
        }
        String nodeExtra = environment.get("NODE_EXTRA_CA_CERTS");
        if (nodeExtra != null && Files.isReadable(Paths.get(nodeExtra))) {
            Path both = files.resolve("node-extra-with-netrec-run-authority.pem");
            Files.writeString(both, Files.readString(Paths.get(nodeExtra), StandardCharsets.ISO_8859_1) + "\n"
                    + authorityPem, StandardCharsets.ISO_8859_1);
            given.put("NODE_EXTRA_CA_CERTS", both.toString());
        } else {
            given.put("NODE_EXTRA_CA_CERTS", authority.toString());
        }
        given.put("WGETRC", wgetrc(environment, proxyUrl, bundle, files).toString());
        environment.putAll(given);
    }

    /**
     * The user's own wgetrc ({@code WGETRC}, else {@code ~/.wgetrc}) with the proxy and the bundle after it, so that
     * they win over proxy settings of its own.
     */
    private static Path wgetrc(Map<String, String> environment, String proxyUrl, Path bundle, Path files)
            throws IOException {
        String own = environment.get("WGETRC");
        Path users = own != null ? Paths.get(own) : Paths.get(System.getProperty("user.home"), ".wgetrc");
        String kept = Files.isReadable(users) ? Files.readString(users, StandardCharsets.ISO_8859_1) + "\n" : "";
        return Files.writeString(files.resolve("wgetrc"), kept + "use_proxy = on\nhttp_proxy = " + proxyUrl
                + "\nhttps_proxy = " + proxyUrl + "\nca_certificate = " + bundle + "\n", StandardCharsets.ISO_8859_1);
    }
}
