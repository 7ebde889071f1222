package netrec.runtime.protocol;

import java.util.function.Predicate;
import netrec.cassette.BodyStore;
import netrec.cassette.RecordedResponse;
import netrec.cassette.match.TurnRules;

/**
 * The cassette answering a replayed connection, as its protocol asks it: each question gets an answer, or a miss
 * that says why there is none, as a value. It is the cassette in use when each question is asked (a connection may
 * outlive the test that opened it). The other half of what a protocol is given is {@link ClientConnection}.
 */
public interface CassetteAnswers {
    /** False once no cassette answers: the connection closes at its next request, so the client opens a new one. */
    boolean inUse();

    /**
     * What the cassette has for an HTTP request (HTTP/1.1, or one HTTP/2 stream): its recorded response; or, when it
     * has none, a miss (reported once, here), or in update mode the recorder of a fetch from the real server.
     */
    Found http(ReplayedRequest request);

    /**
     * The recorded response to a request still arriving, judged on its head, when that response began before its
     * request ended (a bidirectional stream); else null, with nothing used up and nothing reported.
     */
    RecordedResponse httpAlongside(ReplayedRequest head);

    /**
     * Another recorded answer to {@code request}, not used yet, that {@code fits} accepts, now used; or null. A
     * connection whose messages parted from the recorded answer it follows (a WebSocket) moves so to another
     * recorded for the same request: recorded twice, the same way up to some message.
     */
    default RecordedResponse anotherAnswer(ReplayedRequest request, Predicate<RecordedResponse> fits) {
        return null;
    }

    /** The raw TCP conversations recorded with the server {@code connection} reached. */
    Conversations conversations(ClientConnection connection);

    /** How the client's turns of the conversation keyed {@code method uri} compare with the recorded ones. */
    TurnRules turns(String method, String uri);

    /**
     * True when replay keeps the pace answers came at when recorded ({@code pace=recorded}); false to answer at once.
     */
    boolean keepsPace();

    /** Where recorded bodies, and messages too large for the YAML, are read from. */
    BodyStore bodies();

    /**
     * In update mode, netrec's way to the real server for a conversation the cassette lacks: the connections it
     * makes are recorded. Null in replay mode, where such a turn is a miss.
     */
    default MissRecorder conversationFetches() {
        return null;
    }

    /** Update mode went on with the real server for {@code what}, which the cassette lacks: counted as fetched. */
    default void conversationFetched(String what) {
    }

    /** The client sent {@code what}, which the recording lacks ({@code why}): a miss, reported once. */
    Miss missed(String what, String why);

    /**
     * The cassette's answer to {@code request} cannot be sent, because {@code why} (its body file is unreadable or
     * damaged): counted as a miss.
     */
    Miss cannotAnswer(String request, String why);
}
