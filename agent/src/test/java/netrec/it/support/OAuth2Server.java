package netrec.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * A real OAuth2 and OpenID Connect authorization server from Maven Central, NAV's {@code mock-oauth2-server}
 * (Kotlin, Netty, Nimbus): it issues signed JWT access tokens to any client by {@code client_credentials} and serves
 * discovery, JWKS and {@code userinfo}, which checks the bearer token. Its libraries are fetched once by Maven into
 * {@code target/oauth2-server} (they are not on the tests' class path: its Netty 4.2 and Jackson 3 are not theirs),
 * and it runs in a JVM of its own.
 */
public final class OAuth2Server implements AutoCloseable {
    private static final String ARTIFACT = "no.nav.security:mock-oauth2-server:6.0.2";
    private static final Path HOME = Paths.get("target", "oauth2-server").toAbsolutePath();

    private final Process process;
    private final int port;

    private OAuth2Server(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server on a free loopback port; fetches its libraries first, once. */
    public static OAuth2Server start() throws Exception {
        Path lib = libraries();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.javaExecutable(), "-cp", lib + "/*",
                "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt").redirectErrorStream(true)
                .redirectOutput(HOME.resolve("server.log").toFile());
        builder.environment().put("SERVER_HOSTNAME", "127.0.0.1");
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        OAuth2Server server = new OAuth2Server(builder.start(), port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && server.process.isAlive()) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IOException(ARTIFACT + " did not start on port " + port + ":\n"
                + Files.readString(HOME.resolve("server.log")));
    }

    /** The issuer every token comes from: discovery is at {@code ISSUER/.well-known/openid-configuration}. */
    public String issuer() {
        return "http://localhost:" + port + "/default";
    }

    public int port() {
        return port;
    }

    private static synchronized Path libraries() throws Exception {
        Path lib = HOME.resolve("lib");
        if (Files.isDirectory(lib)) {
            return lib;
        }
        Files.createDirectories(HOME);
        String[] coordinates = ARTIFACT.split(":");
        Files.writeString(HOME.resolve("pom.xml"), String.join("\n",
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>",
                "<groupId>netrec.test</groupId><artifactId>oauth2-server</artifactId><version>1</version>",
                "<dependencies><dependency><groupId>" + coordinates[0] + "</groupId><artifactId>" + coordinates[1]
                        + "</artifactId><version>" + coordinates[2] + "</version></dependency></dependencies>",
                "</project>"));
        Path fetching = HOME.resolve("lib-fetching");
        ChildJvm.Result fetched = MavenRun.of("-q", "dependency:copy-dependencies", "-DincludeScope=runtime",
                "-DoutputDirectory=" + fetching).run(HOME);
        if (fetched.exitCode != 0) {
            throw new IOException("Maven could not fetch " + ARTIFACT + " from Maven Central (the test needs it "
                    + "once):\n" + fetched.stdout);
        }
        Files.move(fetching, lib);
        return lib;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
