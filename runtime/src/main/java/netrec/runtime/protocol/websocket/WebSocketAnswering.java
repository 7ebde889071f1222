package netrec.runtime.protocol.websocket;

import java.io.IOException;
import java.util.List;
import netrec.cassette.Headers;
import netrec.cassette.Message;
import netrec.cassette.RecordedResponse;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.AnsweringContext;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.Payloads;
import netrec.runtime.protocol.UpgradedRequest;

/**
 * Replays one WebSocket from its recording. The handshake is answered with the accept value computed from the
 * client's own key, the recorded subprotocol, and no extensions (replay sends no compressed messages). Then the
 * server's recorded messages go out by turns: those before the client's first message at once, and each later run of
 * them once the client's message that came before it has arrived and matches the recorded one (exactly, or as
 * {@code rules.yaml} compares bodies: {@code json}, {@code ignore-body-fields}). Pings from the client get their
 * pong, whenever they come; the recorded pings and pongs of either side are not waited for.
 */
final class WebSocketAnswering implements ConnectionAnswering, FrameReader.Listener {
    private final AnsweringContext context;
    private final UpgradedRequest handshake;
    private final String uri;
    private final List<Message> messages;
    private final FrameReader reader = new FrameReader(this);
    /** The next recorded message to send or to wait for. */
    private int next;
    /** The recorded client messages matched so far, by index: one recorded late may be matched ahead of others. */
    private final boolean[] done;
    private int clientMessages;
    private boolean closing;
    private boolean closeSent;

    WebSocketAnswering(AnsweringContext context, UpgradedRequest handshake, String uri, RecordedResponse response)
            throws IOException {
        this.context = context;
        this.handshake = handshake;
        this.uri = uri;
        this.messages = response.messages();
        this.done = new boolean[messages.size()];
        String key = handshake.headers().first("Sec-WebSocket-Key");
        Headers headers = Handshake.replayed(response.headers(), key == null ? "" : key);
        context.send(Answer.of(Handshake.switchingHead(response.reason(), headers)));
        release();
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
        return closing;
    }

    @Override
    public String tunnel() {
        return null;
    }

    @Override
    public void fail(String explanation) {
        context.fail(explanation);
        closing = true;
    }

    @Override
    public void message(int opcode, boolean compressed, byte[] payload) throws IOException {
        if (closing) {
            return;
        }
        if (opcode == FrameReader.PING) {
            send(FrameReader.PONG, payload);
            return;
        }
        if (opcode == FrameReader.PONG) {
            return;
        }
        if (opcode == FrameReader.CLOSE) {
            closed(payload);
            return;
        }
        clientMessages++;
        Message.Kind kind = opcode == FrameReader.TEXT ? Message.Kind.TEXT : Message.Kind.BINARY;
        String what = "WebSocket message " + clientMessages + " (" + kind.label() + ", " + payload.length
                + " bytes) on " + handshake.method() + " " + uri;
        int recorded = nextClientData(next);
        if (recorded < 0) {
            context.missed(what, "the recording has no more messages from the client after "
                    + (clientMessages - 1));
            closing = true;
            return;
        }
        Message expected = messages.get(recorded);
        String difference = expected.kind() != kind ? "it is " + kind.label() + ", and the recorded message "
                + clientMessages + " is " + expected.kind().label()
                : context.messageDifference(handshake.method(), uri, Payloads.of(expected, context.bodies()),
                        payload);
        if (difference != null) {
            context.missed(what, difference);
            closing = true;
            return;
        }
        done[recorded] = true;
        release();
    }

    /** The client closed: the recorded server close answers it, else the client's own code; unless one was sent. */
    private void closed(byte[] payload) throws IOException {
        closing = true;
        if (closeSent) {
            return;
        }
        Message answer = null;
        for (int i = next; i < messages.size() && answer == null; i++) {
            Message m = messages.get(i);
            if (!done[i] && m.from() == Message.Side.SERVER && m.kind() == Message.Kind.CLOSE) {
                answer = m;
            }
        }
        byte[] close = answer != null ? FrameWriter.closePayload(answer.closeCode(), answer.bytes())
                : payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0];
        send(FrameReader.CLOSE, close);
    }

    /**
     * True when the server's close was recorded before index {@code at}: a client close there answers it, and is not
     * waited for; a client close before any server close began the closing, and is.
     */
    private boolean serverClosedBefore(int at) {
        for (int i = 0; i < at; i++) {
            if (messages.get(i).from() == Message.Side.SERVER && messages.get(i).kind() == Message.Kind.CLOSE) {
                return true;
            }
        }
        return false;
    }

    /** The first recorded text or binary message from the client at or after {@code from}, not yet matched; or -1. */
    private int nextClientData(int from) {
        for (int i = from; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (!done[i] && m.from() == Message.Side.CLIENT
                    && (m.kind() == Message.Kind.TEXT || m.kind() == Message.Kind.BINARY)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Sends the server's messages from {@link #next} up to the client's next awaited one: a text or binary message,
     * or a close that began the closing. The client's pings and pongs are not awaited, nor a close that answered the
     * server's, and the server's pongs are answers, not sent. The server's close waits
     * while the client has recorded messages after it: those were sent before it, though recorded after (the thread
     * that sent them was overtaken by the one that read the close), and a client that got the close first could not
     * send them.
     */
    private void release() throws IOException {
        for (; next < messages.size(); next++) {
            Message m = messages.get(next);
            if (done[next]) {
                continue;
            }
            if (m.from() == Message.Side.CLIENT) {
                if (m.kind() == Message.Kind.TEXT || m.kind() == Message.Kind.BINARY
                        || m.kind() == Message.Kind.CLOSE && !serverClosedBefore(next)) {
                    return;
                }
                continue;
            }
            switch (m.kind()) {
                case TEXT:
                    send(FrameReader.TEXT, Payloads.of(m, context.bodies()));
                    break;
                case BINARY:
                    send(FrameReader.BINARY, Payloads.of(m, context.bodies()));
                    break;
                case PING:
                    send(FrameReader.PING, Payloads.of(m, context.bodies()));
                    break;
                case CLOSE:
                    if (nextClientData(next) >= 0) {
                        return;
                    }
                    closeSent = true;
                    send(FrameReader.CLOSE, FrameWriter.closePayload(m.closeCode(), m.bytes()));
                    break;
                default:
                    break;
            }
        }
    }

    private void send(int opcode, byte[] payload) throws IOException {
        context.send(Answer.of(FrameWriter.frame(opcode, payload)));
    }

    @Override
    public void notWebSocket(String why) {
        fail("netrec: replay answers " + context.client() + " as a WebSocket, and the client's frames cannot be read ("
                + why + ")");
    }
}
