package netrec.it.support;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code localhost}, {@code 127.0.0.1} and the machine's other IPv4 addresses, made
 * once per test run with the JDK's keytool: a PKCS#12 key store for the test server and a trust store holding only
 * its certificate, which the recording JVM trusts through {@code javax.net.ssl.trustStore}.
 */
public final class TestCertificates {
    public static final String PASSWORD = "changeit";
    private static Path directory;

    private TestCertificates() {
    }

    public static synchronized Path keyStore() {
        return directory().resolve("server.p12");
    }

    public static synchronized Path trustStore() {
        return directory().resolve("trust.p12");
    }

    /** A server's TLS with the test certificate, which the tests' child JVMs trust. */
    public static SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore().toFile())) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static Path directory() {
        if (directory != null) {
            return directory;
        }
        try {
            Path dir = Files.createTempDirectory("netrec-certs");
            // deleted in the reverse order: the files, then the folder
            dir.toFile().deleteOnExit();
            for (String file : List.of("server.p12", "server.cer", "trust.p12")) {
                dir.resolve(file).toFile().deleteOnExit();
            }
            String keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
            run(List.of(keytool, "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048",
                    "-validity", "3650", "-dname", "CN=localhost, O=netrec tests", "-ext",
                    "SAN=dns:localhost,ip:127.0.0.1" + machineAddresses(), "-keystore",
                    dir.resolve("server.p12").toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
            run(List.of(keytool, "-exportcert", "-alias", "localhost", "-keystore",
                    dir.resolve("server.p12").toString(), "-storepass", PASSWORD, "-file",
                    dir.resolve("server.cer").toString()));
            // a trust store as the JDK's own cacerts is: no password-based MAC nor encryption, which would cost
            // every JVM that trusts it tens of milliseconds of key derivation (10,000 rounds each) as TLS starts
            run(List.of(keytool, "-J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE",
                    "-J-Dkeystore.pkcs12.macAlgorithm=NONE", "-importcert", "-noprompt", "-alias", "localhost", "-file",
                    dir.resolve("server.cer").toString(), "-keystore", dir.resolve("trust.p12").toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD));
            directory = dir;
            return dir;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot make the test certificate with keytool", e);
        }
    }

    /** The machine's own IPv4 addresses past loopback, as SAN entries: a test may reach its server by one. */
    private static String machineAddresses() throws IOException {
        StringBuilder addresses = new StringBuilder();
        for (java.net.NetworkInterface network : java.util.Collections.list(
                java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress address : java.util.Collections.list(network.getInetAddresses())) {
                if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()) {
                    addresses.append(",ip:").append(address.getHostAddress());
                }
            }
        }
        return addresses.toString();
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}
