package netrec.runtime.protocol.http1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import netrec.runtime.base.Log;
import netrec.runtime.http.BodyFraming;
import netrec.runtime.http.HttpHead;
import netrec.runtime.http.HttpStreamParser;

/**
 * Answers the requests of one replayed connection as the parser reports them: each complete request goes to the
 * cassette in use, and its answer is handed on in order. A CONNECT is answered by netrec itself (the tunnel's far
 * end is the replay too). Once an answer closes the connection, or replay cannot answer, nothing more is answered.
 */
final class ConnectionAnswerer implements HttpStreamParser.Listener {
    /** Where the answers go. */
    interface Answers {
        /** Sends {@code answer} to the client: at once, or queued for its reads. */
        void send(Answer answer) throws IOException;
    }

    private static final byte[] TUNNEL_ESTABLISHED =
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String client;
    /** Finds the connection a request belongs to, or null when replay does not know it (any more). */
    private final Supplier<ReplayConnection> lookup;
    private final Answers answers;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private HttpHead head;
    private boolean closing;
    private String tunnel;

    /** {@code client} names the client in debug lines. */
    ConnectionAnswerer(String client, Supplier<ReplayConnection> lookup, Answers answers) {
        this.client = client;
        this.lookup = lookup;
        this.answers = answers;
    }

    /** True once no more requests will be answered: the connection closes after the answers already sent. */
    boolean closing() {
        return closing;
    }

    /** The target of the last CONNECT answered, or null: bytes after it go to that server, through the tunnel. */
    String tunnel() {
        return tunnel;
    }

    /** Replay cannot answer this connection: the client's read at end of stream fails with {@code explanation}. */
    void fail(String explanation) {
        ReplayConnection connection = lookup.get();
        if (connection != null) {
            connection.fail(explanation);
        }
        closing = true;
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
        if (closing) {
            return;
        }
        ReplayConnection connection = lookup.get();
        if (connection == null || !complete) {
            if (Log.debugEnabled()) {
                Log.debug("replay: " + (connection == null ? "no replayed connection for " + client
                        : "request cut short from " + connection) + "; closing");
            }
            closing = true;
            return;
        }
        if ("CONNECT".equals(head.method())) {
            tunnel = head.target();
            answers.send(Answer.of(TUNNEL_ESTABLISHED));
            return;
        }
        AnswerSource source = connection.answers();
        Answer answer = source == null ? null : source.answer(connection, head, body.toByteArray());
        if (answer == null) {
            if (source == null && Log.debugEnabled()) {
                Log.debug("replay: " + head.method() + " " + head.target() + " to " + connection + " came after its "
                        + "cassette went out of use; closing, so that the client opens a new connection");
            }
            closing = true;
            return;
        }
        answers.send(answer);
        closing = !answer.keepsConnection() || !head.keepsConnection();
    }

    @Override
    public void notHttp(String why) {
        ReplayConnection connection = lookup.get();
        fail("netrec: replay serves HTTP/1.1 only, and the traffic to " + (connection == null ? client : connection)
                + " is not (" + why + ")");
    }
}
