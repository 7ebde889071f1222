package netrec.cassette;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One exchange: a request and the final response to it (or a conversation, below), on a connection to {@code server}.
 *
 * <p>{@code protocol} names what the connection spoke, in the words of ALPN (RFC 7301) where it has one:
 * {@value #HTTP_1_1}, an HTTP/1.x request and response (HTTP/1.0 included: the version is in neither the request nor
 * the response kept), {@value #HTTP_2}, one HTTP/2 stream (over TLS or in plain text alike; its header names are
 * lowercase, its pseudo-headers are not kept, its URI is built as HTTP/1.1's is), {@value #WEBSOCKET}, a handshake
 * and the messages after it, or {@value #TCP}, a conversation in no protocol netrec knows, kept as its turns. It is
 * a plain string, never empty. It says nothing of TLS, which {@link Server#tls} describes.
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
    /** An HTTP/1.x exchange; also every interaction a recording file of version 1 holds. */
    public static final String HTTP_1_1 = "http/1.1";
    /** One HTTP/2 stream. */
    public static final String HTTP_2 = "h2";
    /** A WebSocket: its HTTP/1.1 handshake, then the messages both ways ({@link RecordedResponse#messages}). */
    public static final String WEBSOCKET = "websocket";
    /**
     * A raw TCP conversation that is none of the above (a database, a cache): the turns both ways, and no request
     * or response. Its request is made up for matching and listing ({@link #tcpRequest}): method {@code TCP}, URI
     * {@code tcp://host:port}.
     */
    public static final String TCP = "tcp";

    /**
     * What an entry of a protocol holds, which the protocol declares: an exchange (a request and its response), an
     * exchange and the messages after it (a WebSocket), or a conversation (messages only, with a request made up for
     * matching and listing: {@link #conversationRequest}).
     */
    public enum Shape {
        EXCHANGE, EXCHANGE_WITH_MESSAGES, CONVERSATION;

        /** As messages name it. */
        public String label() {
            return this == EXCHANGE ? "a request and a response" : this == EXCHANGE_WITH_MESSAGES
                    ? "a request, a response and messages" : "messages only";
        }
    }

    private final Instant recordedAt;
    private final String protocol;
    private final Server server;
    private final RecordedRequest request;
    private final RecordedResponse response;
    private final StoredResponse storedResponse;
    private final String source;
    private int connection;

    /** An {@value #HTTP_1_1} exchange. */
    public Interaction(Instant recordedAt, Server server, RecordedRequest request, RecordedResponse response,
            String source) {
        this(recordedAt, server, HTTP_1_1, request, response, source);
    }

    /** An {@value #HTTP_1_1} exchange whose response is read from {@code storedResponse} whenever it is asked for. */
    public Interaction(Instant recordedAt, Server server, RecordedRequest request, StoredResponse storedResponse,
            String source) {
        this(recordedAt, server, HTTP_1_1, request, storedResponse, source);
    }

    public Interaction(Instant recordedAt, Server server, String protocol, RecordedRequest request,
            RecordedResponse response, String source) {
        this(recordedAt, server, protocol, request, Objects.requireNonNull(response, "response"), null, source);
    }

    /** An interaction whose response is read from {@code storedResponse} whenever it is asked for. */
    public Interaction(Instant recordedAt, Server server, String protocol, RecordedRequest request,
            StoredResponse storedResponse, String source) {
        this(recordedAt, server, protocol, request, null, Objects.requireNonNull(storedResponse, "storedResponse"),
                source);
    }

    private Interaction(Instant recordedAt, Server server, String protocol, RecordedRequest request,
            RecordedResponse response, StoredResponse storedResponse, String source) {
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
        this.server = Objects.requireNonNull(server, "server");
        if (Objects.requireNonNull(protocol, "protocol").isEmpty()) {
            throw new IllegalArgumentException("an interaction's protocol is never empty; " + HTTP_1_1
                    + " for an HTTP/1.x exchange");
        }
        this.protocol = protocol;
        this.request = Objects.requireNonNull(request, "request");
        this.response = response;
        this.storedResponse = storedResponse;
        this.source = source == null ? "" : source;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    /**
     * The number of the connection it came from in its recording JVM, from 1 in the order its connections connected
     * (so two interactions with the same number shared a connection, and a lower number opened first); 0 when not
     * known (recorded before format 5, or imported).
     */
    public int connection() {
        return connection;
    }

    /** This interaction, as having come from connection {@code number}. */
    public Interaction inConnection(int number) {
        Interaction numbered = new Interaction(recordedAt, server, protocol, request, response, storedResponse,
                source);
        numbered.connection = number;
        return numbered;
    }

    /** This interaction, from the same connection, with another response: a conversation replay answers otherwise. */
    public Interaction withResponse(RecordedResponse other) {
        Interaction answered = new Interaction(recordedAt, server, protocol, request, other, null, source);
        answered.connection = connection;
        return answered;
    }

    public Server server() {
        return server;
    }

    /** What the connection spoke: {@value #HTTP_1_1}, {@value #HTTP_2}, {@value #WEBSOCKET} or {@value #TCP}. */
    public String protocol() {
        return protocol;
    }

    /** The request a raw TCP conversation with {@code host:port} stands under: it is not written. */
    public static RecordedRequest tcpRequest(String host, int port) {
        return conversationRequest(TCP, host, port);
    }

    /**
     * The request a conversation in {@code protocol} is matched and listed by: method {@code protocol} in upper
     * case, URI {@code protocol://host:port} ({@code TCP tcp://localhost:6379}).
     */
    public static RecordedRequest conversationRequest(String protocol, String host, int port) {
        String name = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return new RecordedRequest(protocol.toUpperCase(java.util.Locale.ROOT), protocol + "://" + name + ":" + port,
                Headers.none(), Body.empty());
    }

    /** True for a raw TCP conversation ({@value #TCP}). */
    public boolean isTcp() {
        return TCP.equals(protocol);
    }

    public RecordedRequest request() {
        return request;
    }

    /**
     * The response; for a stored one, read from its file unless it was read lately, and a {@link
     * CassetteException} saying why when it cannot be.
     */
    public RecordedResponse response() {
        return response != null ? response : storedResponse.load();
    }

    /**
     * The response as kept outside the heap, or null when it is held in memory; for the cassette cache, which
     * writes where each response is kept.
     */
    public StoredResponse storedResponse() {
        return storedResponse;
    }

    /** The bodies this interaction keeps in files: its request's, its response's and its messages'. */
    public List<Body> storedBodies() {
        List<Body> stored = new ArrayList<>();
        RecordedResponse answer = response();
        for (Body body : List.of(request.body(), answer.body())) {
            if (body.isStored()) {
                stored.add(body);
            }
        }
        for (Message message : answer.messages()) {
            if (message.isStored()) {
                stored.add(message.stored());
            }
        }
        return stored;
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
