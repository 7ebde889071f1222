package netrec.runtime.protocol;

import java.io.IOException;

/**
 * A replayed connection, as the protocol answering it sees it: where the client meant to go, the way back to it, and
 * how replay gives up on it. It is one half of what a protocol is given; the other, {@link CassetteAnswers}, is the
 * cassette. Used by one thread at a time: the client's own (answered in-process) or the replay server's.
 */
public interface ClientConnection {
    /** The server the client meant to reach (the tunnel's target, once TLS runs through one). */
    String host();

    int port();

    /** The address the client connected to, or empty. */
    String address();

    /** True when the client's bytes are TLS plaintext. */
    boolean tls();

    /** Sends {@code answer} to the client, after those sent before it: at once, or queued for the client's reads. */
    void send(Answer answer) throws IOException;

    /**
     * True when the client reads this connection from a real socket (it goes through the replay server, as selector
     * clients do), so bytes sent before {@link #fail} are what its parser saw last; false when it is answered
     * in-process, where the failure itself reaches the client's read.
     */
    default boolean readsRealSocket() {
        return false;
    }

    /**
     * The server closed its side of a conversation update mode goes on with: the client reads the end of the stream
     * after the answers sent so far.
     */
    default void serverClosed() throws IOException {
    }

    /**
     * Replay gives up on this connection: nothing more is answered, and the client's read at the end of the answers
     * already sent fails with {@code explanation}.
     */
    void fail(String explanation);

    /**
     * The connection turned out not to be in the protocol answering it, because {@code why} (a first line that only
     * looked like an HTTP request line): while nothing was answered yet, the client's bytes so far, and all that
     * follow, go to the next protocol that recognizes them (raw TCP takes anything, and answers by turns); after
     * that, replay gives up on it, as {@link #fail} with {@code explanation}.
     */
    default void misrecognized(String why, String explanation) {
        fail(explanation);
    }

    /**
     * The connection switches protocols on {@code request} ({@code Upgrade: token}), which the cassette answers with
     * {@code switching} (a {@code 101}, to {@code uri}): the protocol that {@code token} names sends it and answers
     * what follows, and is returned; null when netrec replays no such protocol.
     */
    ConnectionAnswering switchProtocols(String token, UpgradedRequest request, String uri,
            netrec.cassette.RecordedResponse switching) throws IOException;
}
