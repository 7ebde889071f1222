package netrec.runtime.protocol;

import java.io.IOException;
import java.time.Instant;
import netrec.cassette.BodyStore;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Server;

/** What a protocol's recording of one connection is given by the recorder. */
public interface RecordingContext {
    /** The server as the application named it. */
    String host();

    int port();

    /** True when the bytes are TLS plaintext. */
    boolean tls();

    /** A new body file being written, in the cassette being recorded. */
    BodyStore.BodyWriter newBody();

    /**
     * A raw TCP client turn of this connection began with the bytes being handed over: where it comes among the
     * recording's, counted across its connections in the order the application began the writes of their first bytes
     * (the order their servers got them in).
     */
    long clientTurnBegan();

    /**
     * When the bytes being handed over were moved by the application ({@link System#nanoTime}), not when the writer
     * thread got to them: what a protocol keeps as its parts' times.
     */
    long movedAt();

    /** The server as the cassette shows it: name, port, address, proxy, TLS session. */
    Server server() throws IOException;

    /** {@code headers} with the values the user asked to keep out of cassettes replaced. */
    Headers redact(Headers headers);

    /** The URI to write for a request sent at {@code at}: with placeholders for volatile values when asked to. */
    String uriToRecord(String uri, Instant at);

    /** An interaction is complete: it is written to the cassette. */
    void completed(Interaction interaction);

    /**
     * The connection cannot be recorded, because {@code why} (it turned out not to be in this protocol, or could not be
     * followed): the cassette notes it as not recorded.
     */
    void notRecorded(String why);

    /**
     * The connection turned out not to be in this protocol after all, because {@code why} (a first line that only
     * looked like an HTTP request line): while nothing of it was recorded yet, everything it carried so far, and all
     * that follows, goes to the next protocol that recognizes it (raw TCP takes anything); after that, it is noted
     * as not recorded.
     */
    default void misrecognized(String why) {
        notRecorded(why);
    }

    /**
     * The connection switched protocols on {@code request} ({@code Upgrade: token}, answered by {@code 101}): the
     * protocol {@code token} names records the rest of it, and is returned; null when netrec has none, and the rest
     * is noted as not recorded.
     */
    ConversationRecording upgrade(String token, UpgradedRequest request);
}
