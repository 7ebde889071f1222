package netrec.runtime.replay;

import java.io.IOException;

/**
 * A client connection that replay answers: where the client meant to go, and what its reads should fail with once
 * replay cannot answer it. Shared between the client's thread (which registers it when it connects) and the replay
 * server's thread for that connection, when it goes through the replay server.
 */
final class ReplayConnection {
    private volatile String host;
    private volatile int port;
    private final String address;
    /** The replay server the connection was redirected to, or null when it is answered in-process. */
    private final ReplayServer server;
    private volatile boolean tls;
    private volatile String failure;

    /** {@code server}: the replay server it goes through, or null when it is answered inside the JVM. */
    ReplayConnection(String host, int port, String address, ReplayServer server) {
        this.host = host;
        this.port = port;
        this.address = address;
        this.server = server;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String address() {
        return address;
    }

    /** The replay server the connection goes through, or null when it is answered in-process. */
    ReplayServer server() {
        return server;
    }

    boolean tls() {
        return tls;
    }

    /** TLS was layered on the connection, towards {@code host:port} (the tunnel's target through a proxy). */
    void startTls(String tlsHost, int tlsPort) {
        this.host = tlsHost;
        this.port = tlsPort;
        this.tls = true;
    }

    /** Replay could not answer: the client's read at end of stream will fail with {@code explanation}. */
    void fail(String explanation) {
        failure = explanation;
    }

    /**
     * What the client's read at end of stream should throw, made on the client's thread so its stack trace is the
     * client's; null when the connection simply ended.
     */
    IOException failure() {
        String explanation = failure;
        return explanation == null ? null : new IOException(explanation);
    }

    @Override
    public String toString() {
        return host + ":" + port + (tls ? " (TLS)" : "");
    }
}
