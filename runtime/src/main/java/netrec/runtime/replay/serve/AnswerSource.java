package netrec.runtime.replay.serve;

import java.io.IOException;
import netrec.cassette.BodyStore;
import netrec.cassette.Headers;
import netrec.cassette.RecordedResponse;

/** The cassette in use, answering the requests of replayed connections. */
public interface AnswerSource {
    /**
     * The recorded response to a request on {@code connection}, or null when the cassette has none: then the
     * connection has been failed with the reason, unless it fetches misses ({@link ReplayConnection#missRecorder}).
     */
    RecordedResponse answer(ReplayConnection connection, String method, String uri, Headers headers, byte[] body)
            throws IOException;

    /**
     * The recorded response to a request whose body is still arriving, judged on its head, if that response began
     * before its request ended ({@link netrec.cassette.RecordedResponse#interleaving}); else null, with nothing used
     * up and nothing failed: the request is answered once whole.
     */
    RecordedResponse answerEarly(ReplayConnection connection, String method, String uri, Headers headers);

    /** Where the bodies of the responses come from. */
    BodyStore bodies();

    /** A matched response could not be sent ({@code why}): counted as a miss. */
    void cannotAnswer(String request, String why);
}
