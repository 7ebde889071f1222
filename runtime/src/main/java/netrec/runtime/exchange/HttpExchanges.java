package netrec.runtime.exchange;

import java.io.IOException;
import java.util.Locale;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.RecordedResponse;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.Found;
import netrec.runtime.protocol.Miss;
import netrec.runtime.protocol.ReplayedRequest;
import netrec.runtime.protocol.RequestUri;
import netrec.runtime.protocol.UpgradedRequest;

/**
 * HTTP's replay, once for every HTTP version, above the codecs that carry it (as OkHttp's interceptors and
 * mitmproxy's HTTP layer sit above theirs): each request a codec read whole is asked of the cassette, and the codec is
 * told what to do: send the recorded response, hold the request as it was held when recorded, switch protocols,
 * fetch it from the real server (update mode, in the client's own HTTP version), or close after a miss. Matching
 * (and the rules and redacted values it honours) is the cassette's; what the miss says, too.
 */
public final class HttpExchanges {
    private final ClientConnection connection;
    private final CassetteAnswers answers;
    private final UpstreamFetch upstream;

    /** {@code upstream} is the codec's way to the real server, for update mode. */
    public HttpExchanges(ClientConnection connection, CassetteAnswers answers, UpstreamFetch upstream) {
        this.connection = connection;
        this.answers = answers;
        this.upstream = upstream;
    }

    /** What to do with a complete request, its {@code target} as sent (a path, or an absolute URI). */
    public HttpReply reply(String method, String target, Headers headers, byte[] body) throws IOException {
        if (!answers.inUse()) {
            if (Log.debugEnabled()) {
                Log.debug("replay: " + method + " " + target + " to " + connection + " came after its cassette went "
                        + "out of use; closing, so that the client opens a new connection");
            }
            return HttpReply.noCassette();
        }
        ReplayedRequest request = new ReplayedRequest(method, uri(target), headers, body);
        Found found = answers.http(request);
        if (found.miss() != null) {
            connection.fail(found.miss().explanation());
            return HttpReply.missed(found.miss().explanation());
        }
        if (found.fetch() != null) {
            return fetch(request, found);
        }
        RecordedResponse response = found.response();
        if (response.isUnanswered()) {
            return HttpReply.hold();
        }
        if (response.status() == 101) {
            return switchProtocols(request, target, response);
        }
        return HttpReply.respond(new RecordedHttpResponse(response, answers, connection, request.toString()));
    }

    /**
     * The response to a request whose body is still arriving, when the cassette recorded it going along with its
     * request (a bidirectional stream); null to answer it once whole.
     */
    public HttpResponse replyAlongside(String method, String target, Headers headers) {
        if (!answers.inUse()) {
            return null;
        }
        ReplayedRequest head = new ReplayedRequest(method, uri(target), headers, new byte[0]);
        RecordedResponse response = answers.httpAlongside(head);
        return response == null ? null : new RecordedHttpResponse(response, answers, connection, head.toString());
    }

    /** The URI a request to this connection's server is keyed by. */
    private String uri(String target) {
        return RequestUri.of(connection.tls(), connection.host(), connection.port(), target);
    }

    private HttpReply fetch(ReplayedRequest request, Found found) {
        try {
            return HttpReply.respond(upstream.fetch(request, connection, found.fetch()));
        } catch (IOException | RuntimeException e) {
            Miss miss = answers.cannotAnswer(request.toString(), "update mode fetches what the cassette lacks from "
                    + connection.host() + ":" + connection.port() + ", and that failed: " + e.getMessage());
            connection.fail(miss.explanation());
            return HttpReply.missed(miss.explanation());
        }
    }

    /** The cassette answers with a {@code 101}: the protocol switched to sends it and answers the rest. */
    private HttpReply switchProtocols(ReplayedRequest request, String target, RecordedResponse response)
            throws IOException {
        String upgrade = response.headers().first("Upgrade");
        String token = upgrade == null ? "" : upgrade.split(",", -1)[0].trim().toLowerCase(Locale.ROOT);
        ConnectionAnswering switched = connection.switchProtocols(token, new UpgradedRequest(request.method(),
                target, request.headers(), Body.empty(), "", Headers.none()), request.uri(), response);
        if (switched == null) {
            Miss miss = answers.cannotAnswer(request.toString(), "its recorded answer switches to '" + token
                    + "', which netrec does not replay");
            connection.fail(miss.explanation());
            return HttpReply.missed(miss.explanation());
        }
        return HttpReply.switchedTo(switched);
    }
}
