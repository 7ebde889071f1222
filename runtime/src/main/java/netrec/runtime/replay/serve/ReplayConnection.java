package netrec.runtime.replay.serve;

import java.io.IOException;
import java.util.function.Supplier;
import netrec.runtime.protocol.CassetteAnswers;

/**
 * A client connection that replay answers: where the client meant to go, and what its reads should fail with once
 * replay cannot answer it. Shared between the client's thread (which registers it when it connects) and the replay
 * server's thread for that connection, when it goes through the replay server.
 */
public final class ReplayConnection {
    /** How long after replay found a failure the client's reader may see it. */
    static final long FAILURE_GRACE_MILLIS = 200;

    private volatile String host;
    private volatile int port;
    private final String address;
    /** The replay server the connection was redirected to, or null when it is answered in-process. */
    private final ReplayServer server;
    /** The cassette answering the connection's requests when each arrives; null: none, the connection closes. */
    private final Supplier<CassetteAnswers> answers;
    private volatile boolean tls;
    private volatile String failure;
    private volatile long failedAt;

    /** {@code server}: the replay server it goes through, or null when it is answered inside the JVM. */
    public ReplayConnection(String host, int port, String address, ReplayServer server,
            Supplier<CassetteAnswers> answers) {
        this.host = host;
        this.port = port;
        this.address = address;
        this.server = server;
        this.answers = answers;
    }

    /** Who answers a request arriving now: the cassette in use, or null when none replays. */
    CassetteAnswers answers() {
        return answers.get();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String address() {
        return address;
    }

    /** The replay server the connection goes through, or null when it is answered in-process. */
    public ReplayServer server() {
        return server;
    }

    public boolean tls() {
        return tls;
    }

    /** TLS was layered on the connection, towards {@code host:port} (the tunnel's target through a proxy). */
    public void startTls(String tlsHost, int tlsPort) {
        this.host = tlsHost;
        this.port = tlsPort;
        this.tls = true;
    }

    /** Replay could not answer: the client's read at end of stream will fail with {@code explanation}. */
    public void fail(String explanation) {
        failedAt = System.nanoTime();
        failure = explanation;
    }

    /**
     * What the client's read at end of stream should throw, made on the client's thread so its stack trace is the
     * client's; null when the connection simply ended.
     */
    public IOException failure() {
        String explanation = failure;
        return explanation == null ? null : new IOException(explanation);
    }

    /**
     * How long a blocking client's reader should still wait before it sees the failure ({@link #failure}); 0 when
     * there is none, or its time has come. Thrown no sooner than {@link #FAILURE_GRACE_MILLIS} after replay found it,
     * a client that reads on one thread while another still sends (OkHttp over HTTP/2 flushes once more after its
     * request's head) fails the request with netrec's reason, not with its own writer's "closed" because its reader
     * closed the connection first. Event loops are never held up: they write on the thread that reads.
     */
    public long failureGraceLeftNanos() {
        return failure == null ? 0 : Math.max(0, failedAt + FAILURE_GRACE_MILLIS * 1_000_000L - System.nanoTime());
    }

    @Override
    public String toString() {
        return host + ":" + port + (tls ? " (TLS)" : "");
    }
}
