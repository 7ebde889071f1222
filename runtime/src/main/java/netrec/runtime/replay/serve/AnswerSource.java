package netrec.runtime.replay;

import java.io.IOException;
import netrec.runtime.http.HttpHead;

/** The cassette in use, answering one request on a replayed connection. */
interface AnswerSource {
    /**
     * The answer to {@code request}, or null to close the connection without one: then the client's read at end of
     * stream fails with the connection's {@link ReplayConnection#fail failure}, if replay gave it one.
     */
    Answer answer(ReplayConnection connection, HttpHead request, byte[] body) throws IOException;
}
