package netrec.cassette;

import java.time.Instant;
import java.util.Objects;

/**
 * One HTTP exchange: a request and the final response to it, on a connection to {@code server}.
 *
 * <p>{@code recordedAt} is when the response was complete. How the bytes were cut into TCP segments or socket
 * reads carries no meaning and is not kept; nor is which connection of several to the same server carried it.
 * {@code source} says where the interaction was read from (file and line), for messages; it is not written.
 *
 * <p>A replaying JVM keeps responses out of its heap: an interaction loaded for replay may hold its response as a
 * {@link StoredResponse}, read again each time {@link #response()} is called, so that a cassette of any size
 * costs the heap its requests only.
 */
public final class Interaction {
    private final Instant recordedAt;
    private final Server server;
    private final RecordedRequest request;
    private final RecordedResponse response;
    private final StoredResponse storedResponse;
    private final String source;

    public Interaction(Instant recordedAt, Server server, RecordedRequest request, RecordedResponse response,
            String source) {
        this(recordedAt, server, request, Objects.requireNonNull(response, "response"), null, source);
    }

    /** An interaction whose response is read from {@code storedResponse} whenever it is asked for. */
    public Interaction(Instant recordedAt, Server server, RecordedRequest request, StoredResponse storedResponse,
            String source) {
        this(recordedAt, server, request, null, Objects.requireNonNull(storedResponse, "storedResponse"), source);
    }

    private Interaction(Instant recordedAt, Server server, RecordedRequest request, RecordedResponse response,
            StoredResponse storedResponse, String source) {
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
        this.server = Objects.requireNonNull(server, "server");
        this.request = Objects.requireNonNull(request, "request");
        this.response = response;
        this.storedResponse = storedResponse;
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

    /**
     * The response; for a stored one, read again on each call, and a {@link CassetteException} saying why when it
     * cannot be.
     */
    public RecordedResponse response() {
        return response != null ? response : storedResponse.load();
    }

    /** The file the response is kept in, or null when it is held in memory. */
    StoredResponse storedResponse() {
        return storedResponse;
    }

    /** {@code file:line} this interaction was loaded from; empty for one not read from a file. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return request + (response == null ? "" : " -> " + response.status());
    }
}
