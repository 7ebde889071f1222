package netrec.runtime.record;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import netrec.cassette.BodyStore;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Server;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.ConversationRecording;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.protocol.RecordingContext;
import netrec.runtime.protocol.UpgradedRequest;

/**
 * One connection's traffic in one recording: its protocol, found from the first bytes the client sends, records it,
 * until the connection switches to another one ({@code Upgrade}), which records the rest.
 * Bytes the client received before it sent any (a server that speaks first, or a response queued by a reading thread
 * ahead of its request) wait until the protocol is known. A connection no protocol recognizes is noted in the
 * cassette as not recorded. Until its protocol has recorded something (and for its first 1 MiB at most), what the
 * connection carried is kept, so that a protocol that finds the connection is not its own after all (a line that only
 * looked like an HTTP request line) hands all of it to the next one that recognizes it: raw TCP takes anything.
 * Runs on the writer thread only.
 */
final class Conversation implements RecordingContext {
    private final RecordedConnection connection;
    private final Recorder recorder;
    /** What the connection carried while its protocol had recorded nothing yet: byte arrays, or END. */
    private final List<Object[]> carried = new ArrayList<>();
    private long carriedBytes;
    private boolean settled;
    private Protocol chosen;
    private final Set<Protocol> passedOver = new HashSet<>();
    /** Why the protocol found the connection is not its own, until the call it said so in returns. */
    private String misrecognized;
    private static final long KEPT_UNTIL_SETTLED = 1024 * 1024;
    private static final String SENT = "sent";
    private static final String RECEIVED = "received";
    private static final String END = "end";
    private ConversationRecording protocol;
    private boolean unrecognized;
    private final List<byte[]> receivedFirst = new ArrayList<>();
    private boolean endedFirst;
    /** When the bytes being handed over were moved ({@link System#nanoTime}). */
    private long movedAt = System.nanoTime();
    /** The number of the write that began the bytes being handed over, when sent ({@link WriteOrder}); 0: none. */
    private long writeOrder;

    Conversation(RecordedConnection connection, Recorder recorder) {
        this.connection = connection;
        this.recorder = recorder;
    }

    /** The next bytes handed over were moved at {@code nanos} ({@link System#nanoTime}). */
    void movedAt(long nanos) {
        movedAt = nanos;
    }

    void sent(byte[] bytes, long order) throws IOException {
        writeOrder = order;
        carry(SENT, bytes);
        if (protocol != null) {
            protocol.sent(bytes);
            fallBackIfMisrecognized();
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
            fallBackIfMisrecognized();
        }
    }

    void received(byte[] bytes) throws IOException {
        carry(RECEIVED, bytes);
        if (protocol != null) {
            protocol.received(bytes);
            fallBackIfMisrecognized();
        } else if (!unrecognized) {
            receivedFirst.add(bytes);
        }
    }

    void receivedEnd() throws IOException {
        carry(END, null);
        if (protocol != null) {
            protocol.receivedEnd();
            fallBackIfMisrecognized();
        } else {
            endedFirst = true;
        }
    }

    /** Keeps what the connection carried while its protocol may still find it is not its own. */
    private void carry(String what, byte[] bytes) {
        if (settled) {
            return;
        }
        carriedBytes += bytes == null ? 0 : bytes.length;
        if (carriedBytes > KEPT_UNTIL_SETTLED) {
            settle();
            return;
        }
        carried.add(new Object[] {what, bytes, movedAt, writeOrder});
    }

    /** The protocol recorded something: it is the connection's for good. */
    private void settle() {
        settled = true;
        carried.clear();
    }

    /**
     * The protocol said the connection is not its own: it starts again with the next protocol that recognizes it,
     * which is given everything the connection carried so far, in order.
     */
    private void fallBackIfMisrecognized() throws IOException {
        if (misrecognized == null) {
            return;
        }
        String why = misrecognized;
        misrecognized = null;
        passedOver.add(chosen);
        List<Object[]> again = new ArrayList<>(carried);
        carried.clear();
        carriedBytes = 0;
        protocol = null;
        unrecognized = false;
        receivedFirst.clear();
        endedFirst = false;
        if (Log.debugEnabled()) {
            Log.debug("record: " + connection + " is not " + chosen.name() + " (" + why + "): recorded as the next "
                    + "protocol that recognizes it");
        }
        long now = movedAt;
        for (Object[] part : again) {
            movedAt = (Long) part[2];
            if (part[0] == SENT) {
                sent((byte[]) part[1], (Long) part[3]);
            } else if (part[0] == RECEIVED) {
                received((byte[]) part[1]);
            } else {
                receivedEnd();
            }
        }
        movedAt = now;
    }

    /** The last write failed: what it sent may never have reached the server. */
    void sendFailed() {
        if (protocol != null) {
            protocol.sendFailed();
        }
    }

    void closed() throws IOException {
        if (protocol == null && !unrecognized && (!receivedFirst.isEmpty() || endedFirst)) {
            startServerOnly();
        }
        if (protocol != null) {
            protocol.closed();
        }
    }

    /**
     * The connection closed with only the server having spoken (an FTP data connection): the first protocol whose
     * server may speak first records what it said.
     */
    private void startServerOnly() throws IOException {
        for (Protocol candidate : recorder.protocols()) {
            if (!passedOver.contains(candidate) && candidate.serverMaySpeakFirst()) {
                protocol = candidate.record(this);
                chosen = candidate;
                handOver();
                return;
            }
        }
    }

    /**
     * The client's first bytes pick the protocol, which is returned (null when none). What the client received
     * before them is handed over after them, or before them to a protocol whose server may speak first.
     */
    private Protocol start(byte[] first) {
        for (Protocol candidate : recorder.protocols()) {
            if (!passedOver.contains(candidate) && candidate.recognizes(first, 0, first.length)) {
                protocol = candidate.record(this);
                chosen = candidate;
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
    public long clientTurnBegan() {
        return writeOrder > 0 ? writeOrder : WriteOrder.next();
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
        settle();
        recorder.completed(interaction.inConnection(connection.number()));
    }

    @Override
    public void notRecorded(String why) {
        recorder.notRecorded(connection, why);
    }

    @Override
    public void misrecognized(String why) {
        if (settled || chosen == null) {
            notRecorded(why);
        } else {
            misrecognized = why;
        }
    }

    @Override
    public ConversationRecording upgrade(String token, UpgradedRequest request) {
        settle();
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
