package netrec.runtime.protocol;

import java.io.IOException;
import netrec.cassette.BodyStore;
import netrec.cassette.Headers;
import netrec.cassette.RecordedResponse;

/** What a protocol answering one replayed connection is given: the connection, and the cassette in use. */
public interface AnsweringContext {
    /** The server the client meant to reach (the tunnel's target, once TLS runs through one). */
    String host();

    int port();

    /** The address the client connected to, or empty. */
    String address();

    /** True when the client's bytes are TLS plaintext. */
    boolean tls();

    /** True while a cassette is in use; false when none answers, and the connection closes at its next request. */
    boolean replaying();

    /**
     * The recorded response to a request, or null when the cassette has none: replay has then said why and failed
     * the connection, unless {@link #missRecorder} fetches misses.
     */
    RecordedResponse answer(String method, String uri, Headers headers, byte[] body) throws IOException;

    /**
     * The recorded response to a request whose body is still arriving, judged on its head, when that response began
     * before its request ended (a bidirectional stream); else null, and nothing is used up or failed.
     */
    RecordedResponse answerEarly(String method, String uri, Headers headers) throws IOException;

    /** Where the recorded response's body is read from. */
    BodyStore bodies();

    /** Update mode's recorder of what is fetched for requests the cassette lacks; null in replay mode. */
    MissRecorder missRecorder();

    /** Sends {@code answer} to the client: at once, or queued for its reads. */
    void send(Answer answer) throws IOException;

    /**
     * The cassette's answer to {@code request} cannot be sent (its body file is unreadable or damaged): replay counts
     * it as a miss, and the connection fails with {@code why}; returns the explanation the client is given.
     */
    String cannotAnswer(String request, String why);

    /** Replay cannot answer: the client's read at end of stream fails with {@code explanation}. */
    void fail(String explanation);

    /** Names the client in debug lines. */
    String client();
}
