package netrec.cassette;

import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP exchange: a request and the final response to it, on a connection to {@code server}.
 *
 * <p>{@code recordedAt} is when the response was complete. How the bytes were cut into TCP segments or socket
 * reads carries no meaning and is not kept; nor is which connection of several to the same server carried it.
 * {@code source} says where the interaction was read from (file and line), for messages; it is not written.
 */
public final class Interaction {
    private final Instant recordedAt;
    private final Server server;
    private final RecordedRequest request;
    private final RecordedResponse response;
    private final String source;

    public Interaction(Instant recordedAt, Server server, RecordedRequest request, RecordedResponse response,
            String source) {
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
        this.server = Objects.requireNonNull(server, "server");
        this.request = Objects.requireNonNull(request, "request");
        this.response = Objects.requireNonNull(response, "response");
        this.source = source == null ? "" : source;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public Server server() {
        return server;
    }

    public RecordedRequest request() {
        return request;
    }

    public RecordedResponse response() {
        return response;
    }

    /** {@code file:line} this interaction was loaded from; empty for one not read from a file. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return request + " -> " + response.status();
    }
}
