package netrec.runtime.protocol;

import java.io.IOException;
import java.util.List;
import netrec.cassette.BodyStore;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.MatchRules;
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

    /**
     * The connection switches protocols on {@code request} ({@code Upgrade: token}), which the cassette answers with
     * {@code response} (a {@code 101}): the protocol {@code token} names sends it and answers the rest, and is
     * returned; null when netrec replays no such protocol.
     */
    ConnectionAnswering upgrade(String token, UpgradedRequest request, String uri, RecordedResponse response)
            throws IOException;

    /**
     * Null when a message the client sent on the conversation with {@code method uri} is the same as the recorded
     * one, as {@code rules.yaml} compares bodies there ({@code json}, {@code form}; else byte for byte); else what
     * differs.
     */
    String messageDifference(String method, String uri, byte[] recorded, byte[] actual);

    /**
     * The client sent something the recording does not have ({@code what}, {@code why} not): replay counts it as a
     * miss, explains it as it explains a request it has no answer to, and fails the connection.
     */
    void missed(String what, String why);

    /**
     * The raw TCP conversations recorded with this connection's server, in recorded order: those not used yet, or
     * all of them.
     */
    List<Interaction> conversations(boolean unusedOnly);

    /** Takes a conversation for this connection; true when no connection had used it before. */
    boolean claim(Interaction conversation);

    /** What the cassette's rules say about the request {@code method uri} (for a conversation, its made-up one). */
    MatchRules.Applied rules(String method, String uri);

    /** Replay cannot answer: the client's read at end of stream fails with {@code explanation}. */
    void fail(String explanation);

    /** Names the client in debug lines. */
    String client();
}
