package netrec.cassette;

import java.util.List;
import java.util.Objects;

/**
 * The final response to a request. Interim {@code 1xx} responses (such as {@code 100 Continue}) are not kept:
 * replay answers the request with the final response alone, which every HTTP/1.1 client accepts.
 *
 * <p>Headers are as the server sent them, including {@code Transfer-Encoding} and {@code Content-Length}; replay
 * frames the body to agree with them.
 *
 * <p>Trailers are the header fields a response sends after its body: HTTP/2 keeps them (gRPC's {@code grpc-status}
 * lives there); the trailers of an HTTP/1.1 chunked body are not kept.
 *
 * <p>An <em>unanswered</em> request got no response at all before the client gave up on it (a gRPC deadline, a read
 * timeout) or the connection ended: it has no status, headers or body, and replay answers it with nothing, so that
 * the client gives up again, on its own clock.
 *
 * <p>A response that <em>ended early</em> stopped before its end: the client closed the connection without
 * reading the rest (an error response whose body it did not want), or the connection broke. Its body is what
 * arrived, and replay sends that much and closes the connection, as the client saw it.
 *
 * <p>A response that switched protocols ({@code 101}, such as a WebSocket handshake) goes on with the conversation
 * that followed, as {@link #messages}, both ways, in order. A raw TCP conversation has nothing but those: it is a
 * {@linkplain #conversation conversation}, with no status, headers or body.
 */
public final class RecordedResponse {
    private final int status;
    private final String reason;
    private final Headers headers;
    private final Body body;
    private final boolean endedEarly;
    private final Headers trailers;
    private final boolean unanswered;
    private final Interleaving interleaving;
    private final List<Message> messages;
    private final boolean conversation;
    private Pace pace = Pace.none();

    private static final RecordedResponse UNANSWERED = new RecordedResponse(List.of(), false);

    public RecordedResponse(int status, String reason, Headers headers, Body body) {
        this(status, reason, headers, body, false);
    }

    public RecordedResponse(int status, String reason, Headers headers, Body body, boolean endedEarly) {
        this(status, reason, headers, body, endedEarly, Headers.none());
    }

    public RecordedResponse(int status, String reason, Headers headers, Body body, boolean endedEarly,
            Headers trailers) {
        this(status, reason, headers, body, endedEarly, trailers, Interleaving.none());
    }

    public RecordedResponse(int status, String reason, Headers headers, Body body, boolean endedEarly,
            Headers trailers, Interleaving interleaving) {
        this(status, reason, headers, body, endedEarly, trailers, interleaving, List.of());
    }

    public RecordedResponse(int status, String reason, Headers headers, Body body, boolean endedEarly,
            Headers trailers, Interleaving interleaving, List<Message> messages) {
        this.messages = List.copyOf(messages);
        this.conversation = false;
        this.trailers = Objects.requireNonNull(trailers, "trailers");
        this.interleaving = Objects.requireNonNull(interleaving, "interleaving");
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("an HTTP status has three digits, not " + status);
        }
        this.status = status;
        this.reason = reason == null ? "" : reason;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
        this.endedEarly = endedEarly;
        this.unanswered = false;
    }

    private RecordedResponse(List<Message> messages, boolean conversation) {
        this.messages = List.copyOf(messages);
        this.conversation = conversation;
        this.status = 0;
        this.reason = "";
        this.headers = Headers.none();
        this.body = Body.empty();
        this.endedEarly = false;
        this.trailers = Headers.none();
        this.unanswered = !conversation;
        this.interleaving = Interleaving.none();
    }

    /** This response, its parts having arrived at {@code pace}. */
    public RecordedResponse withPace(Pace pace) {
        RecordedResponse paced = isConversation() ? conversation(messages) : isUnanswered() ? UNANSWERED
                : new RecordedResponse(status, reason, headers, body, endedEarly, trailers, interleaving, messages);
        paced.pace = Objects.requireNonNull(pace, "pace");
        return paced;
    }

    /** When its parts arrived after its request; none when it came at once, or was recorded before format 5. */
    public Pace pace() {
        return pace;
    }

    /** A raw TCP conversation: its turns, and no HTTP response at all ({@link #status} is 0). */
    public static RecordedResponse conversation(List<Message> turns) {
        return new RecordedResponse(turns, true);
    }

    /** True for a raw TCP conversation, which has {@link #messages} and nothing else. */
    public boolean isConversation() {
        return conversation;
    }

    /**
     * The conversation after a protocol switch, or a raw TCP conversation's turns, in order; empty for a plain
     * HTTP response.
     */
    public List<Message> messages() {
        return messages;
    }

    /** No response: the request was left unanswered. */
    public static RecordedResponse unanswered() {
        return UNANSWERED;
    }

    /** How the response went along with its request, when it began before the request ended; else empty. */
    public Interleaving interleaving() {
        return interleaving;
    }

    /** True when no response came: {@link #status} is then 0, and every other part is empty. */
    public boolean isUnanswered() {
        return unanswered;
    }

    public int status() {
        return status;
    }

    /** The reason phrase; empty when the server sent none. */
    public String reason() {
        return reason;
    }

    public Headers headers() {
        return headers;
    }

    public Body body() {
        return body;
    }

    /** The fields sent after the body; empty when there were none. */
    public Headers trailers() {
        return trailers;
    }

    /** True when the connection closed before the end of this response; {@link #body} is what arrived. */
    public boolean endedEarly() {
        return endedEarly;
    }

    @Override
    public String toString() {
        return unanswered ? "unanswered" : conversation ? messages.size() + " turns" : status + " " + reason;
    }
}
