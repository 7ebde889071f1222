package netrec.runtime.protocol.websocket;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import netrec.cassette.Headers;
import netrec.cassette.Message;
import netrec.cassette.RecordedResponse;
import netrec.runtime.exchange.Turns;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.protocol.ReplayedRequest;
import netrec.runtime.protocol.UpgradedRequest;

/**
 * WebSocket's codec in replay. The handshake is answered with the accept value computed from the client's own key,
 * the recorded subprotocol, and no extensions (replay sends no compressed messages). Then {@link Turns} follows the
 * recorded messages: the server's go out up to the client's next text or binary message, which must match the
 * recorded one (exactly, or as {@code rules.yaml} compares bodies: {@code json}, {@code ignore-body-fields}). Pings
 * from the client get their pong, whenever they come; the recorded pings and pongs of either side are not waited for.
 * A client message that parts from the recorded ones moves the connection to another recording of the same handshake
 * whose messages so far were these (the same exchange recorded again, by an update); in update mode, when there is
 * none, the conversation goes on with the real server ({@link WebSocketFetch}).
 */
final class WebSocketAnswering implements ConnectionAnswering, FrameReader.Listener, Turns.Speaker {
    private final ClientConnection connection;
    private final CassetteAnswers answers;
    private final UpgradedRequest handshake;
    private final String uri;
    private final FrameReader reader = new FrameReader(this);
    private final Turns turns;
    private boolean closeSent;
    /**
     * In update mode, the client's text and binary messages so far, to send the real server again; else null, and
     * once they passed {@link #KEPT_FOR_UPDATE}.
     */
    private List<WebSocketFetch.Sent> sent;
    /**
     * In update mode, how many of the server's text and binary messages the client was sent before each of its own
     * in {@link #sent}: so many are set aside there when the conversation goes on with the server.
     */
    private final List<Integer> sentBefore = new ArrayList<>();
    private int serverMessagesSent;
    private long sentBytes;
    private static final long KEPT_FOR_UPDATE = 16L * 1024 * 1024;
    /** In update mode, the real server this conversation went on with once it parted from the cassette; or null. */
    private volatile WebSocketFetch fetch;

    WebSocketAnswering(ClientConnection connection, CassetteAnswers answers, UpgradedRequest handshake, String uri,
            RecordedResponse response) throws IOException {
        this.connection = connection;
        this.answers = answers;
        this.handshake = handshake;
        this.uri = uri;
        this.sent = answers.conversationFetches() == null ? null : new ArrayList<>();
        this.turns = new Turns(connection, answers, answers.turns(handshake.method(), uri), this);
        String key = handshake.headers().first("Sec-WebSocket-Key");
        Headers headers = Handshake.replayed(response.headers(), key == null ? "" : key);
        connection.send(Answer.of(Handshake.switchingHead(response.reason(), headers)));
        turns.follow(response.messages());
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) throws IOException {
        reader.feed(bytes, offset, length);
    }

    @Override
    public boolean idle() {
        return true;
    }

    @Override
    public boolean closing() {
        WebSocketFetch live = fetch;
        return live != null ? live.ended() : turns.closing();
    }

    @Override
    public void clientClosed() {
        WebSocketFetch live = fetch;
        if (live != null) {
            live.clientClosed();
        }
    }

    @Override
    public void message(int opcode, boolean compressed, byte[] payload) throws IOException {
        WebSocketFetch live = fetch;
        if (live != null) {
            live.send(opcode, payload);
            return;
        }
        if (turns.closing()) {
            return;
        }
        if (opcode == FrameReader.PING) {
            send(FrameReader.PONG, payload);
        } else if (opcode == FrameReader.CLOSE) {
            closed(payload);
        } else if (opcode != FrameReader.PONG) {
            Message.Kind kind = opcode == FrameReader.TEXT ? Message.Kind.TEXT : Message.Kind.BINARY;
            if (sent != null) {
                sentBefore.add(serverMessagesSent);
                serverMessagesSent = 0;
                sentBytes += payload.length;
                if (sentBytes > KEPT_FOR_UPDATE) {
                    sent = null; // a long-lived WebSocket: past this, update mode cannot send it all again
                } else {
                    sent.add(new WebSocketFetch.Sent(opcode, payload));
                }
            }
            turns.clientMessage(kind, payload, "WebSocket message " + (turns.clientTurns() + 1) + " ("
                    + kind.label() + ", " + payload.length + " bytes) on " + handshake.method() + " " + uri);
        }
    }

    /** The client closed: the recorded server close answers it, else the client's own code; unless one was sent. */
    private void closed(byte[] payload) throws IOException {
        turns.close();
        if (closeSent) {
            return;
        }
        List<Message> messages = turns.messages();
        Message answer = null;
        for (int i = turns.next(); i < messages.size() && answer == null; i++) {
            Message m = messages.get(i);
            if (!turns.done(i) && m.from() == Message.Side.SERVER && m.kind() == Message.Kind.CLOSE) {
                answer = m;
            }
        }
        byte[] close = answer != null ? FrameWriter.closePayload(answer.closeCode(), answer.bytes())
                : payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0];
        send(FrameReader.CLOSE, close);
    }

    /**
     * The client's text and binary messages are awaited, and its close when it began the closing; not its pings and
     * pongs, nor a close that answered the server's.
     */
    @Override
    public boolean awaits(List<Message> messages, int index) {
        Message m = messages.get(index);
        return m.kind() == Message.Kind.TEXT || m.kind() == Message.Kind.BINARY
                || m.kind() == Message.Kind.CLOSE && !serverClosedBefore(messages, index);
    }

    /**
     * Sends one of the server's messages; its pongs are answers, not sent. The server's close waits while the client
     * has recorded messages after it: those were sent before it, though recorded after (the thread that sent them
     * was overtaken by the one that read the close), and a client that got the close first could not send them.
     */
    @Override
    public Turns.Sent send(List<Message> messages, int index, byte[] payload, long notBeforeNanos)
            throws IOException {
        Message m = messages.get(index);
        switch (m.kind()) {
            case TEXT:
                send(FrameReader.TEXT, payload, notBeforeNanos);
                serverMessagesSent++;
                break;
            case BINARY:
                send(FrameReader.BINARY, payload, notBeforeNanos);
                serverMessagesSent++;
                break;
            case PING:
                send(FrameReader.PING, payload, notBeforeNanos);
                break;
            case CLOSE:
                if (clientDataAfter(messages, index)) {
                    return Turns.Sent.WAIT;
                }
                closeSent = true;
                send(FrameReader.CLOSE, FrameWriter.closePayload(m.closeCode(), m.bytes()), notBeforeNanos);
                break;
            default:
                break;
        }
        return Turns.Sent.SENT;
    }

    @Override
    public List<Message> anotherConversation(Predicate<List<Message>> fits) {
        RecordedResponse another = answers.anotherAnswer(new ReplayedRequest(handshake.method(), uri,
                handshake.headers(), new byte[0]), recorded -> fits.test(recorded.messages()));
        return another == null ? null : another.messages();
    }

    /**
     * Update mode: goes on with the real server, sent the client's messages so far (this protocol keeps its own:
     * {@code sentTurns} and {@code turn} are a byte stream's), the last the one the cassette lacks.
     */
    @Override
    public boolean goOnWithServer(MissRecorder fetches, boolean serverFirst, List<byte[]> sentTurns, byte[] turn)
            throws IOException {
        if (sent == null || sent.isEmpty()) {
            return false;
        }
        fetch = WebSocketFetch.begin(connection, fetches, handshake, sent, sentBefore);
        return true;
    }

    /** True when the server's close was recorded before {@code at}: a client close there answers it. */
    private static boolean serverClosedBefore(List<Message> messages, int at) {
        for (int i = 0; i < at; i++) {
            if (messages.get(i).from() == Message.Side.SERVER && messages.get(i).kind() == Message.Kind.CLOSE) {
                return true;
            }
        }
        return false;
    }

    /** True when a text or binary message of the client's, recorded after {@code from}, is still to come. */
    private boolean clientDataAfter(List<Message> messages, int from) {
        for (int i = from; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (!turns.done(i) && m.from() == Message.Side.CLIENT
                    && (m.kind() == Message.Kind.TEXT || m.kind() == Message.Kind.BINARY)) {
                return true;
            }
        }
        return false;
    }

    private void send(int opcode, byte[] payload) throws IOException {
        send(opcode, payload, 0);
    }

    private void send(int opcode, byte[] payload, long notBeforeNanos) throws IOException {
        connection.send(Answer.at(FrameWriter.frame(opcode, payload), notBeforeNanos));
    }

    @Override
    public void notWebSocket(String why) {
        connection.fail("netrec: replay answers " + connection + " as a WebSocket, and the client's frames cannot be "
                + "read (" + why + ")");
        turns.close();
    }
}
