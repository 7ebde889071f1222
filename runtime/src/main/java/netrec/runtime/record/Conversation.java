package netrec.runtime.record;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.BodyStore;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Server;
import netrec.runtime.protocol.ConversationRecording;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.protocol.RecordingContext;
import netrec.runtime.protocol.UpgradedRequest;

/**
 * One connection's traffic in one recording: its protocol, found from the first bytes the client sends, records it,
 * until the connection switches to another one ({@code Upgrade}), which records the rest.
 * Bytes the client received before it sent any (a server that speaks first, or a response queued by a reading thread
 * ahead of its request) wait until the protocol is known. A connection no protocol recognizes is noted in the
 * cassette as not recorded. Runs on the writer thread only.
 */
final class Conversation implements RecordingContext {
    private final RecordedConnection connection;
    private final Recorder recorder;
    private ConversationRecording protocol;
    private boolean unrecognized;
    private final List<byte[]> receivedFirst = new ArrayList<>();
    private boolean endedFirst;
    /** When the bytes being handed over were moved ({@link System#nanoTime}). */
    private long movedAt = System.nanoTime();

    Conversation(RecordedConnection connection, Recorder recorder) {
        this.connection = connection;
        this.recorder = recorder;
    }

    boolean belongsTo(Recorder owner) {
        return recorder == owner;
    }

    /** The next bytes handed over were moved at {@code nanos} ({@link System#nanoTime}). */
    void movedAt(long nanos) {
        movedAt = nanos;
    }

    void sent(byte[] bytes) throws IOException {
        if (protocol != null) {
            protocol.sent(bytes);
        } else if (!unrecognized) {
            Protocol started = start(bytes);
            if (started == null) {
                return;
            }
            if (started.serverMaySpeakFirst()) {
                handOver();
                protocol.sent(bytes);
            } else {
                protocol.sent(bytes);
                handOver();
            }
        }
    }

    void received(byte[] bytes) throws IOException {
        if (protocol != null) {
            protocol.received(bytes);
        } else if (!unrecognized) {
            receivedFirst.add(bytes);
        }
    }

    void receivedEnd() throws IOException {
        if (protocol != null) {
            protocol.receivedEnd();
        } else {
            endedFirst = true;
        }
    }

    void closed() throws IOException {
        if (protocol != null) {
            protocol.closed();
        }
    }

    /**
     * The client's first bytes pick the protocol, which is returned (null when none). What the client received
     * before them is handed over after them, or before them to a protocol whose server may speak first.
     */
    private Protocol start(byte[] first) {
        for (Protocol candidate : recorder.protocols()) {
            if (candidate.recognizes(first, 0, first.length)) {
                protocol = candidate.record(this);
                return candidate;
            }
        }
        unrecognized = true;
        receivedFirst.clear();
        notRecorded("its first bytes are none of " + recorder.protocolNames());
        return null;
    }

    /** Hands over what was received before the protocol was known, once its first bytes are in. */
    private void handOver() throws IOException {
        for (byte[] bytes : receivedFirst) {
            protocol.received(bytes);
        }
        receivedFirst.clear();
        if (endedFirst) {
            endedFirst = false;
            protocol.receivedEnd();
        }
    }

    // ---- what the protocol is given ----

    @Override
    public String host() {
        return connection.host();
    }

    @Override
    public int port() {
        return connection.port();
    }

    @Override
    public boolean tls() {
        return connection.tls();
    }

    @Override
    public long movedAt() {
        return movedAt;
    }

    @Override
    public BodyStore.BodyWriter newBody() {
        return recorder.bodies().newBody();
    }

    @Override
    public Server server() throws IOException {
        return recorder.server(connection);
    }

    @Override
    public Headers redact(Headers headers) {
        return recorder.redact(headers);
    }

    @Override
    public String uriToRecord(String uri, Instant at) {
        return recorder.uriToRecord(uri, at);
    }

    /** An interaction of this connection is complete: written with the connection's number. */
    @Override
    public void completed(Interaction interaction) {
        recorder.completed(interaction.inConnection(connection.number()));
    }

    @Override
    public void notRecorded(String why) {
        recorder.notRecorded(connection, why);
    }

    @Override
    public ConversationRecording upgrade(String token, UpgradedRequest request) {
        for (Protocol candidate : recorder.protocols()) {
            ConversationRecording successor = candidate.recordUpgrade(token, this, request);
            if (successor != null) {
                protocol = successor;
                return successor;
            }
        }
        notRecorded("it switched to '" + token + "', which netrec does not record");
        unrecognized = true;
        protocol = null;
        return null;
    }
}
