package netrec.runtime.protocol.http1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import netrec.runtime.base.Log;
import netrec.runtime.exchange.HttpExchanges;
import netrec.runtime.exchange.HttpReply;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.ConnectionAnswering;

/**
 * HTTP/1.1's codec in replay: the parser puts each request together, {@link HttpExchanges} says what to do with it,
 * and its response goes back framed for HTTP/1.1, in order. A CONNECT is answered by netrec itself (the tunnel's far
 * end is the replay too). Once an answer closes the connection, or replay cannot answer, nothing more is answered.
 */
final class Http1Answering implements ConnectionAnswering, HttpStreamParser.Listener {
    private static final byte[] TUNNEL_ESTABLISHED =
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ClientConnection connection;
    private final HttpExchanges exchanges;
    private final HttpStreamParser parser = new HttpStreamParser(true, this);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private HttpHead head;
    private boolean closing;
    /** A request recorded as unanswered came: nothing more is sent on this connection, as when recording. */
    private boolean holding;
    private String tunnel;
    /** The protocol the connection switched to ({@code 101}), which answers what follows; null before. */
    private ConnectionAnswering switched;

    Http1Answering(ClientConnection connection, HttpExchanges exchanges) {
        this.connection = connection;
        this.exchanges = exchanges;
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) throws IOException {
        parser.feed(bytes, offset, length);
        closing |= parser.stopped() && switched == null;
    }

    @Override
    public boolean idle() {
        return switched != null ? switched.idle() : parser.idle();
    }

    @Override
    public boolean closing() {
        return closing || switched != null && switched.closing();
    }

    @Override
    public void clientClosed() {
        if (switched != null) {
            switched.clientClosed();
        }
    }

    /** Bytes after the switch ({@code 101}) belong to the protocol switched to. */
    @Override
    public void afterSwitch(byte[] bytes, int offset, int length) throws IOException {
        if (switched != null && !switched.closing()) {
            switched.feed(bytes, offset, length);
        }
    }

    @Override
    public String tunnel() {
        return tunnel;
    }

    @Override
    public BodyFraming head(HttpHead requestHead) {
        head = requestHead;
        body.reset();
        return "CONNECT".equals(requestHead.method()) ? BodyFraming.NONE : BodyFraming.ofRequest(requestHead);
    }

    @Override
    public void body(byte[] bytes, int offset, int length) {
        body.write(bytes, offset, length);
    }

    @Override
    public void end(boolean complete) throws IOException {
        if (closing || holding) {
            return;
        }
        if (!complete) {
            if (Log.debugEnabled()) {
                Log.debug("replay: request cut short from " + connection + "; closing");
            }
            closing = true;
            return;
        }
        if ("CONNECT".equals(head.method())) {
            tunnel = head.target();
            connection.send(Answer.of(TUNNEL_ESTABLISHED));
            return;
        }
        HttpReply reply = exchanges.reply(head.method(), head.target(), head.headers(), body.toByteArray());
        switch (reply.kind()) {
            case RESPOND:
                respond(reply);
                break;
            case HOLD:
                holding = true;
                break;
            case SWITCHED:
                switched = reply.switched();
                parser.switchProtocols();
                break;
            case MISSED:
                closing = true;
                sayMissWhereTheStatusLineGoes(reply.explanation());
                break;
            default:
                closing = true;
                break;
        }
    }

    /**
     * A client that reads a real socket and parses the status line says, when its read then fails, what it had
     * received: the JDK HttpClient's message is "parsing HTTP/1.1 status line, receiving [...]" with netrec's first
     * line inside, rather than "header parser received no bytes" (the whole explanation is its cause). The line ends
     * with no line break, so no parser takes it for a status line; others keep it buffered and fail with netrec's
     * exception as before.
     */
    private void sayMissWhereTheStatusLineGoes(String explanation) throws IOException {
        if (explanation == null || !connection.readsRealSocket()) {
            return;
        }
        String first = explanation.lines().findFirst().orElse(explanation);
        connection.send(Answer.of((first + " (netrec's whole explanation is the cause)")
                .getBytes(StandardCharsets.US_ASCII)));
    }

    private void respond(HttpReply reply) throws IOException {
        Answer answer;
        try {
            answer = ResponseAnswer.of(reply.response(), head.method());
        } catch (IOException unreadable) {
            closing = true; // its body cannot be read: said, and the connection failed with the reason
            return;
        }
        connection.send(answer);
        closing = !answer.keepsConnection() || !head.keepsConnection();
    }

    @Override
    public void notHttp(String why) {
        connection.misrecognized(why, "netrec: replay serves HTTP/1.1 only, and the traffic to " + connection
                + " is not (" + why + ")");
        closing = true;
    }
}
