package netrec.runtime.replay.serve;

import java.io.IOException;
import java.util.List;
import netrec.cassette.BodyStore;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
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

    /** As {@link netrec.runtime.protocol.AnsweringContext#messageDifference}. */
    String messageDifference(String method, String uri, byte[] recorded, byte[] actual);

    /** The client on {@code connection} sent {@code what}, which the recording lacks ({@code why}): a miss. */
    void missed(ReplayConnection connection, String what, String why);

    /** The raw TCP conversations recorded with {@code connection}'s server (not used yet, or all), in order. */
    List<Interaction> conversations(ReplayConnection connection, boolean unusedOnly);

    /** Takes one of {@link #conversations} for a connection; true when it had not been used before. */
    boolean claim(Interaction conversation);

    /** What the rules say about the request {@code method uri}. */
    MatchRules.Applied rules(String method, String uri);

    /** Where the bodies of the responses come from. */
    BodyStore bodies();

    /** A matched response could not be sent ({@code why}): counted as a miss. */
    void cannotAnswer(String request, String why);
}
