package netrec.runtime.protocol.http1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import netrec.cassette.Body;
import netrec.cassette.CassetteException;
import netrec.cassette.Headers;
import netrec.cassette.RecordedResponse;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.AnsweringContext;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.RequestUri;
import netrec.runtime.protocol.UpgradedRequest;

/**
 * Answers the HTTP/1.1 requests of one replayed connection as the parser reports them: each complete request goes to
 * the cassette in use, and its answer is sent in order. A CONNECT is answered by netrec itself (the tunnel's far end
 * is the replay too). Once an answer closes the connection, or replay cannot answer, nothing more is answered.
 */
final class Http1Answering implements ConnectionAnswering, HttpStreamParser.Listener {
    private static final byte[] TUNNEL_ESTABLISHED =
            "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final AnsweringContext context;
    private final HttpStreamParser parser = new HttpStreamParser(true, this);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private HttpHead head;
    private boolean closing;
    /** A request recorded as unanswered came: nothing more is sent on this connection, as when recording. */
    private boolean holding;
    private String tunnel;
    /** The protocol the connection switched to ({@code 101}), which answers what follows; null before. */
    private ConnectionAnswering switched;

    Http1Answering(AnsweringContext context) {
        this.context = context;
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
    public void fail(String explanation) {
        context.fail(explanation);
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
        if (closing || holding) {
            return;
        }
        if (!complete) {
            if (Log.debugEnabled()) {
                Log.debug("replay: request cut short from " + context.client() + "; closing");
            }
            closing = true;
            return;
        }
        if ("CONNECT".equals(head.method())) {
            tunnel = head.target();
            context.send(Answer.of(TUNNEL_ESTABLISHED));
            return;
        }
        Answer answer = answer(head, body.toByteArray());
        if (answer == null) {
            closing = !holding && switched == null;
            return;
        }
        context.send(answer);
        closing = !answer.keepsConnection() || !head.keepsConnection();
    }

    /** The answer to one request, or null to close the connection without one (or to hold it, {@link #holding}). */
    private Answer answer(HttpHead request, byte[] requestBody) throws IOException {
        if (!context.replaying()) {
            if (Log.debugEnabled()) {
                Log.debug("replay: " + request.method() + " " + request.target() + " to " + context.client()
                        + " came after its cassette went out of use; closing, so that the client opens a new "
                        + "connection");
            }
            return null;
        }
        String uri = RequestUri.of(context.tls(), context.host(), context.port(), request.target());
        RecordedResponse response = context.answer(request.method(), uri, request.headers(), requestBody);
        if (response == null) {
            return context.missRecorder() == null ? null
                    : new MissForwarder(context.missRecorder()).forward(context, request, requestBody);
        }
        if (response.isUnanswered()) {
            holding = true;
            return null;
        }
        if (response.status() == 101) {
            switchTo(request, uri, response);
            return null;
        }
        try {
            return RecordedAnswer.of(response, request.method(), context.bodies(),
                    why -> context.cannotAnswer(request.method() + " " + uri, why));
        } catch (CassetteException e) {
            context.cannotAnswer(request.method() + " " + uri, e.getMessage());
            return null;
        }
    }

    /** Answers a request that switches protocols with the protocol switched to, which sends the {@code 101}. */
    private void switchTo(HttpHead request, String uri, RecordedResponse response) throws IOException {
        String upgrade = response.headers().first("Upgrade");
        String token = upgrade == null ? "" : upgrade.split(",")[0].trim().toLowerCase(Locale.ROOT);
        switched = context.upgrade(token, new UpgradedRequest(request.method(), request.target(), request.headers(),
                Body.empty(), "", Headers.none()), uri, response);
        if (switched == null) {
            context.cannotAnswer(request.method() + " " + uri, "its recorded answer switches to '" + token
                    + "', which netrec does not replay");
            closing = true;
        } else {
            parser.switchProtocols();
        }
    }

    @Override
    public void notHttp(String why) {
        fail("netrec: replay serves HTTP/1.1 only, and the traffic to " + context.client() + " is not (" + why + ")");
    }
}
