package netrec.cassette;

import java.time.Instant;
import java.util.Objects;

/**
 * A connect that failed when recorded: to which server ({@code address} empty when its name did not resolve to
 * one), the connection's number in the recording JVM, and how it failed. Replay fails a connect to the same server
 * the same way, rather than calling it a miss.
 */
public final class ConnectFailure {
    private final Instant recordedAt;
    private final int connection;
    private final Server server;
    private final Failure failure;
    private final String source;

    public ConnectFailure(Instant recordedAt, int connection, Server server, Failure failure, String source) {
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
        this.connection = connection;
        this.server = Objects.requireNonNull(server, "server");
        this.failure = Objects.requireNonNull(failure, "failure");
        this.source = source == null ? "" : source;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    /** The connection's number in its recording JVM, from 1 in the order connects began; 0 when not known. */
    public int connection() {
        return connection;
    }

    public Server server() {
        return server;
    }

    public Failure failure() {
        return failure;
    }

    /** Where it is written ({@code file:line}), or empty. */
    public String source() {
        return source;
    }
}
