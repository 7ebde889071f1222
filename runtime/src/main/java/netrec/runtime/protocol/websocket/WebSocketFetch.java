package netrec.runtime.protocol.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import netrec.cassette.Headers;
import netrec.runtime.base.Log;
import netrec.runtime.base.NetrecThread;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.protocol.RequestUri;
import netrec.runtime.protocol.UpgradedRequest;
import netrec.runtime.protocol.Upstream;
import netrec.runtime.tap.Tap;

/**
 * Update mode's WebSocket fetch: a conversation whose client message the cassette lacks goes on with the real
 * server. netrec opens a WebSocket of its own there with the client's handshake (offering no extension: replay agreed
 * to none with the client), sends the client's messages so far, each once the server sent as many messages as the
 * cassette had sent the client before it (those are set aside), then sends the new message. From then on each side's messages go to the other as
 * they come, until the server closes. Everything on netrec's connection is recorded as the application's own would
 * be, so it replays later as a WebSocket of its own ({@code Turns} moves to it where the first one parts).
 *
 * <p>The server's messages set aside are counted, not compared: a server that sends more or fewer of them than when
 * recorded (a push on a timer) is waited for {@link #SET_ASIDE_MILLIS} at most, and what it sent past them reaches
 * the client.
 */
final class WebSocketFetch implements FrameReader.Listener {
    private static final int SET_ASIDE_MILLIS = 5_000;

    /** A message the client sent. */
    static final class Sent {
        final int opcode;
        final byte[] payload;

        Sent(int opcode, byte[] payload) {
            this.opcode = opcode;
            this.payload = payload;
        }
    }

    private final ClientConnection client;
    private final Socket upstream;
    private final InputStream in;
    private final OutputStream out;
    private final FrameReader reader = new FrameReader(this);
    private Tap recorded;
    /** The server's messages still to set aside: the client had them from the cassette. */
    private int toSetAside;
    private volatile boolean ended;
    private boolean closed;

    private WebSocketFetch(ClientConnection client, Socket upstream) throws IOException {
        this.client = client;
        this.upstream = upstream;
        this.in = upstream.getInputStream();
        this.out = upstream.getOutputStream();
    }

    /**
     * Goes on with the server {@code client} meant to reach: opens a WebSocket there with {@code handshake}, sends
     * {@code sent} (the client's messages so far; the last is the one the cassette lacked), recorded through
     * {@code fetches}. Before the first message and after each of the others, as many of the server's messages as
     * {@code answered} says the cassette had sent the client there are set aside.
     */
    static WebSocketFetch begin(ClientConnection client, MissRecorder fetches, UpgradedRequest handshake,
            List<Sent> sent, int[] answered) throws IOException {
        Socket upstream = Upstream.open(client, null);
        try {
            WebSocketFetch fetch = new WebSocketFetch(client, upstream);
            fetch.toSetAside = answered[0]; // before the handshake: a greeting may come in the same read as its answer
            fetch.open(handshake, fetches);
            fetch.setAside();
            for (int i = 0; i < sent.size() - 1; i++) {
                fetch.send(sent.get(i).opcode, sent.get(i).payload);
                fetch.toSetAside = answered[i + 1];
                fetch.setAside();
            }
            Sent last = sent.get(sent.size() - 1);
            fetch.send(last.opcode, last.payload);
            new NetrecThread("update-" + client.host() + ":" + client.port(), fetch::pump).start();
            return fetch;
        } catch (IOException | RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    /** The opening handshake; recorded once the server switched protocols. */
    private void open(UpgradedRequest handshake, MissRecorder fetches) throws IOException {
        StringBuilder head = new StringBuilder(handshake.method()).append(' ')
                .append(RequestUri.originForm(handshake.target())).append(" HTTP/1.1\r\n");
        for (Headers.Field field : handshake.headers().fields()) {
            if (!field.key().equals("sec-websocket-extensions")) {
                head.append(field.name()).append(": ").append(field.value()).append("\r\n");
            }
        }
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(request);
        out.flush();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int end;
        while ((end = headEnd(response.toByteArray())) < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the server closed the connection before it answered the WebSocket handshake");
            }
            response.write(buffer, 0, n);
        }
        byte[] answer = response.toByteArray();
        String statusLine = new String(answer, 0, Math.max(0, indexOf(answer, '\r')), StandardCharsets.ISO_8859_1);
        if (!statusLine.matches("HTTP/1\\.1 101( .*)?")) {
            throw new IOException("the server answered the WebSocket handshake with '" + statusLine + "'");
        }
        recorded = fetches.record(upstream, client.host(), client.port());
        recorded.sent(request, 0, request.length);
        recorded.received(answer, 0, answer.length);
        reader.feed(answer, end, answer.length - end);
    }

    /** Reads the server's messages until those the client had from the cassette are set aside, or it goes quiet. */
    private void setAside() throws IOException {
        if (toSetAside == 0) {
            return;
        }
        byte[] buffer = new byte[64 * 1024];
        try {
            upstream.setSoTimeout(SET_ASIDE_MILLIS);
            while (toSetAside > 0 && !ended) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("the server closed the connection as netrec sent it the client's messages "
                            + "so far again");
                }
                recorded.received(buffer, 0, n);
                reader.feed(buffer, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            if (Log.debugEnabled()) {
                Log.debug("update: the server sent " + toSetAside + " fewer messages than the cassette had");
            }
            toSetAside = 0;
        } finally {
            upstream.setSoTimeout(0);
        }
    }

    /** A message of the client's (or a control frame) to the server, recorded. */
    synchronized void send(int opcode, byte[] payload) throws IOException {
        byte[] frame = FrameWriter.masked(opcode, payload);
        recorded.writeBegins(); // what the server answers meanwhile is recorded after this message
        int written = 0;
        try {
            out.write(frame);
            out.flush();
            written = frame.length;
        } finally {
            recorded.written(frame, 0, written);
        }
    }

    /** True once the server closed the connection, or it broke. */
    boolean ended() {
        return ended;
    }

    @Override
    public void message(int opcode, boolean compressed, byte[] payload) throws IOException {
        if (toSetAside > 0 && (opcode == FrameReader.TEXT || opcode == FrameReader.BINARY)) {
            toSetAside--;
        } else if (toSetAside > 0 && opcode == FrameReader.PING) {
            send(FrameReader.PONG, payload);
        } else if (toSetAside == 0 || opcode == FrameReader.CLOSE) {
            client.send(Answer.of(FrameWriter.frame(opcode, payload)));
        }
    }

    @Override
    public void notWebSocket(String why) {
        Log.warnOnce("update-websocket", "update mode's WebSocket to " + client + " got what it cannot read (" + why
                + "); it is closed");
        close();
    }

    /** The server's messages to the client, as they come, until the server closes. */
    private void pump() {
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                recorded.received(buffer, 0, n);
                reader.feed(buffer, 0, n);
            }
            recorded.endOfInput();
        } catch (IOException e) {
            if (Log.debugEnabled()) {
                Log.debug("update: the WebSocket with " + client + " ended: " + e);
            }
        } finally {
            ended = true;
            close();
            try {
                client.serverClosed();
            } catch (IOException e) {
                Log.debug("update: closing the client's side of " + client + ": " + e);
            }
        }
    }

    /** Closes netrec's connection to the server, once, and ends its recording. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (recorded != null) {
            recorded.closed();
        }
        try {
            upstream.close();
        } catch (IOException e) {
            Log.debug("update: closing netrec's WebSocket to " + client + ": " + e);
        }
    }

    /** Where the head in {@code bytes} ends (after its blank line), or -1 when it has not all come. */
    private static int headEnd(byte[] bytes) {
        for (int i = 3; i < bytes.length; i++) {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, char c) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
