package netrec.runtime.exchange;

import netrec.runtime.protocol.ConnectionAnswering;

/**
 * What replay does with one HTTP request, as the HTTP layer decided it for the codec that carries it: send a
 * response; hold the request unanswered, as it was when recorded; hand the connection to the protocol it switched
 * to; close after a miss (the connection has been failed with its reason); or close because no cassette answers any
 * more (the client opens a new connection, answered by the cassette then in use).
 */
public final class HttpReply {
    /** Which of the four. */
    public enum Kind { RESPOND, HOLD, SWITCHED, MISSED, NO_CASSETTE }

    private static final HttpReply HOLD = new HttpReply(Kind.HOLD, null, null);
    private static final HttpReply NO_CASSETTE = new HttpReply(Kind.NO_CASSETTE, null, null);

    private final Kind kind;
    private final HttpResponse response;
    private final ConnectionAnswering switched;
    private final String explanation;

    private HttpReply(Kind kind, HttpResponse response, ConnectionAnswering switched) {
        this(kind, response, switched, null);
    }

    private HttpReply(Kind kind, HttpResponse response, ConnectionAnswering switched, String explanation) {
        this.kind = kind;
        this.response = response;
        this.switched = switched;
        this.explanation = explanation;
    }

    static HttpReply respond(HttpResponse response) {
        return new HttpReply(Kind.RESPOND, response, null);
    }

    static HttpReply hold() {
        return HOLD;
    }

    static HttpReply switchedTo(ConnectionAnswering answering) {
        return new HttpReply(Kind.SWITCHED, null, answering);
    }

    static HttpReply missed(String explanation) {
        return new HttpReply(Kind.MISSED, null, null, explanation);
    }

    static HttpReply noCassette() {
        return NO_CASSETTE;
    }

    public Kind kind() {
        return kind;
    }

    /** With {@link Kind#RESPOND}: the response to send. */
    public HttpResponse response() {
        return response;
    }

    /** With {@link Kind#MISSED}: netrec's explanation, which the connection was failed with. */
    public String explanation() {
        return explanation;
    }

    /** With {@link Kind#SWITCHED}: the protocol that answers the rest of the connection. */
    public ConnectionAnswering switched() {
        return switched;
    }
}
