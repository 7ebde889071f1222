package netrec.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OAuth2 and OpenID Connect authorization server from Maven Central, NAV's {@code mock-oauth2-server}
 * (Kotlin, Netty, Nimbus): it issues signed JWT access tokens to any client by {@code client_credentials} and serves
 * discovery, JWKS and {@code userinfo}, which checks the bearer token. It runs in a JVM of its own, from libraries
 * fetched into {@code target/oauth2-server} ({@link FetchedLibraries}: its Netty 4.2 and Jackson 3 are not the
 * tests').
 */
public final class OAuth2Server implements AutoCloseable {
    private static final String ARTIFACT = "no.nav.security:mock-oauth2-server:6.0.2";

    private final Process process;
    private final int port;

    private OAuth2Server(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server on a free loopback port; fetches its libraries first, once. */
    public static OAuth2Server start() throws Exception {
        Path lib = FetchedLibraries.of("oauth2-server", ARTIFACT);
        int port = Listening.freePort();
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.server(lib, List.of(),
                "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt")).redirectErrorStream(true)
                .redirectOutput(lib.resolveSibling("server.log").toFile());
        builder.environment().put("SERVER_HOSTNAME", "127.0.0.1");
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        OAuth2Server server = new OAuth2Server(builder.start(), port);
        if (Listening.on(server.process, port, 60)) {
            return server;
        }
        server.close();
        throw new IOException(ARTIFACT + " did not start on port " + port + ":\n"
                + Files.readString(lib.resolveSibling("server.log")));
    }

    /** The issuer every token comes from: discovery is at {@code ISSUER/.well-known/openid-configuration}. */
    public String issuer() {
        return "http://localhost:" + port + "/default";
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
